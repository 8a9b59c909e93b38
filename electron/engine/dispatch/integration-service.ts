import type { Integration, IntegrationCreate, IntegrationPatch } from '../../../shared/api/integrations.js';
import { HookbenchError } from '../../../shared/errors.js';
import type { EngineEvents } from '../events.js';
import { newId } from '../ids.js';
import type { Db } from '../store/database.js';
import { reenabled } from '../../../shared/inboundflow/auto-disable.js';
import { newIntegrationRow, patchedIntegrationRow, secretColumns } from './integration-changes.js';
import { createIntegrationRows, withFailureState, type IntegrationRow } from './integration-rows.js';
import { toApiIntegration } from './integration-view.js';
import { generateSecret } from './secrets.js';

export function integrationNotFound(id: string): HookbenchError {
  return new HookbenchError('not_found', `No integration with id ${JSON.stringify(id)}.`, 404);
}

/** Integrations as the API manages them: create, change, rotate, enable, delete; every change is announced live. */
export function createIntegrationService(db: Db, events: EngineEvents, allowHttpLocalhost: boolean) {
  const rows = createIntegrationRows(db);
  const view = (row: IntegrationRow): Integration => toApiIntegration(row, rows.skippedCount(row.id));
  const find = (id: string): IntegrationRow =>
    rows.byId(id) ??
    (() => {
      throw integrationNotFound(id);
    })();
  const save = (row: IntegrationRow): Integration => {
    rows.update(row);
    const integration = view(rows.byId(row.id)!);
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

    create(input: IntegrationCreate, now = Date.now()): Integration {
      const row = newIntegrationRow(newId('int', now), input, { allowHttpLocalhost, now });
      rows.insert(row);
      const integration = view(row);
      events.emit({ type: 'integration.created', integration });
      return integration;
    },

    update: (id: string, patch: IntegrationPatch, now = Date.now()) =>
      save(patchedIntegrationRow(find(id), patch, { allowHttpLocalhost, now })),

    rotateSecret(id: string, secret: string | undefined, now = Date.now()): Integration {
      const row = find(id);
      return save({ ...row, ...secretColumns(row, secret ?? generateSecret(), now), updated_at: now });
    },

    /** Re-enable: the consecutive failure count starts again at 0. */
    enable: (id: string, now = Date.now()) => save(withFailureState(find(id), reenabled(), now)),

    delete(id: string): void {
      if (!rows.delete(find(id).id)) throw integrationNotFound(id);
      events.emit({ type: 'integration.deleted', id });
    },
  };
}

export type IntegrationService = ReturnType<typeof createIntegrationService>;
