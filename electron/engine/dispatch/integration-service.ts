import type { Integration, IntegrationCreate, IntegrationPatch } from '../../../shared/api/integrations.js';
import { HookbenchError } from '../../../shared/errors.js';
import type { EngineEvents } from '../events.js';
import { newId } from '../ids.js';
import type { Store } from '../store/store.js';
import { reenabled } from '../../../shared/inboundflow/auto-disable.js';
import { newIntegrationRow, patchedIntegrationRow, secretColumns } from './integration-changes.js';
import { withFailureState, type IntegrationRow } from './integration-rows.js';
import { toApiIntegration } from './integration-view.js';
import { generateSecret } from './secrets.js';

export function integrationNotFound(id: string): HookbenchError {
  return new HookbenchError('not_found', `No integration with id ${JSON.stringify(id)}.`, 404);
}

/** Integrations as the API manages them: create, change, rotate, enable, delete; every change is announced live. */
export function createIntegrationService(store: Pick<Store, 'integrations' | 'writes'>, events: EngineEvents, allowHttpLocalhost: boolean) {
  const rows = store.integrations;
  const view = (row: IntegrationRow): Integration => toApiIntegration(row, rows.skippedCount(row.id));
  const find = (id: string): IntegrationRow =>
    rows.byId(id) ??
    (() => {
      throw integrationNotFound(id);
    })();
  /** Durable; the change is made to the row as it is when the write runs, so a failure count written meanwhile is kept. */
  const save = async (id: string, change: (row: IntegrationRow) => IntegrationRow): Promise<Integration> => {
    const saved = await store.writes.write(
      'durable',
      () => {
        const next = change(find(id));
        rows.update(next);
        return next;
      },
      { isolated: true },
    );
    const integration = view(rows.byId(saved.id) ?? saved);
    events.emit({ type: 'integration.updated', integration });
    return integration;
  };

  return {
    rows,
    view,
    find,
    list: () => rows.all().map(view),
    get: (id: string) => view(find(id)),
    /** Announces a row the dispatcher changed (failure count, auto-disable). */
    announce: (id: string) => {
      const row = rows.byId(id);
      if (row) events.emit({ type: 'integration.updated', integration: view(row) });
    },

    async create(input: IntegrationCreate, now = Date.now()): Promise<Integration> {
      const row = newIntegrationRow(newId('int', now), input, { allowHttpLocalhost, now });
      await rows.create(row);
      const integration = view(row);
      events.emit({ type: 'integration.created', integration });
      return integration;
    },

    update: (id: string, patch: IntegrationPatch, now = Date.now()) =>
      save(find(id).id, (row) => patchedIntegrationRow(row, patch, { allowHttpLocalhost, now })),

    rotateSecret: (id: string, secret: string | undefined, now = Date.now()) =>
      save(find(id).id, (row) => ({ ...row, ...secretColumns(row, secret ?? generateSecret(), now), updated_at: now })),

    /** Re-enable: the consecutive failure count starts again at 0. */
    enable: (id: string, now = Date.now()) => save(find(id).id, (row) => withFailureState(row, reenabled(), now)),

    async delete(id: string): Promise<void> {
      if (!(await rows.delete(find(id).id))) throw integrationNotFound(id);
      events.emit({ type: 'integration.deleted', id });
    },
  };
}

export type IntegrationService = ReturnType<typeof createIntegrationService>;
