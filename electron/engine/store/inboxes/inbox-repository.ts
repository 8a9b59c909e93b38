import type { InboxCreate, InboxPatch } from '../../../../shared/api/inboxes.js';
import type { SchemeSetting } from '../../../../shared/api/signatures.js';
import type { CustomSchemeConfig } from '../../../../shared/signatures/custom-config.js';
import { HookbenchError } from '../../../../shared/errors.js';
import { newId } from '../../ids.js';
import type { Db } from '../database.js';
import type { DeliveryRemoval } from '../deliveries/delivery-removal.js';
import type { WriteQueue } from '../write-queue.js';

export const DEFAULT_INBOX_SLUG = 'default';

export interface InboxRow {
  id: string;
  name: string;
  slug: string;
  secret: string | null;
  previous_secret: string | null;
  forward_to: string | null;
  /** Null means the default (DEFAULT_FORWARD_TIMEOUT_MS). */
  forward_timeout_ms: number | null;
  /** ScriptedResponse and FailureRule as JSON (shared/api/responses.ts); null when unset. */
  response_json: string | null;
  failure_json: string | null;
  /** RetentionInput as JSON (shared/api/inboxes.ts); null for the defaults. */
  retention_json: string | null;
  /** The signature scheme setting: null for auto, or a scheme name. */
  signature_scheme: string | null;
  /** CustomSchemeConfig as JSON, when the setting is custom. */
  signature_custom_json: string | null;
  created_at: number;
  updated_at: number;
}

/** A slug from a free-form name: "Stripe test #2" → "stripe-test-2". */
export function slugFromName(name: string): string {
  const slug = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');
  return slug || 'inbox';
}

type AnswerColumns = Pick<InboxRow, 'forward_to' | 'forward_timeout_ms' | 'response_json' | 'failure_json'>;
const EMPTY_ANSWER: AnswerColumns = { forward_to: null, forward_timeout_ms: null, response_json: null, failure_json: null };

/** Forward-to, scripted response and failure rule from a create or patch: absent keeps, null clears. */
function answerColumns(
  input: Pick<InboxPatch, 'forward_to' | 'forward_timeout_ms' | 'response' | 'failure'>,
  current: AnswerColumns,
): AnswerColumns {
  const json = (value: unknown, kept: string | null) => (value === undefined ? kept : value === null ? null : JSON.stringify(value));
  return {
    forward_to: input.forward_to === undefined ? current.forward_to : input.forward_to,
    forward_timeout_ms: input.forward_timeout_ms ?? current.forward_timeout_ms,
    response_json: json(input.response, current.response_json),
    failure_json: json(input.failure, current.failure_json),
  };
}

/** A patch as the engine applies it: the API's, plus the signature setting (PATCH /api/inboxes/:id/signature). */
export type InboxUpdate = InboxPatch & { signature?: { scheme: SchemeSetting; custom: CustomSchemeConfig | null } };

function slugTaken(slug: string): HookbenchError {
  return new HookbenchError('slug_taken', `An inbox with the slug "${slug}" already exists; choose another slug.`, 409);
}

/** Inboxes: read from memory on the receiving path, written durably through the write queue. */
export function createInboxRepository(db: Db, writes: WriteQueue, removal: DeliveryRemoval) {
  const byId = db.prepare('SELECT * FROM inboxes WHERE id = ?');
  const bySlug = db.prepare('SELECT * FROM inboxes WHERE slug = ?');
  const all = db.prepare('SELECT * FROM inboxes ORDER BY created_at, id');
  const insert = db.prepare(`INSERT INTO inboxes (id, name, slug, secret, previous_secret, forward_to, forward_timeout_ms,
      response_json, failure_json, retention_json, created_at, updated_at)
    VALUES (@id, @name, @slug, @secret, NULL, @forward_to, @forward_timeout_ms, @response_json, @failure_json, @retention_json, @now, @now)`);
  const update = db.prepare(`UPDATE inboxes SET name = @name, slug = @slug, secret = @secret, previous_secret = @previous_secret,
      forward_to = @forward_to, forward_timeout_ms = @forward_timeout_ms, response_json = @response_json,
      failure_json = @failure_json, retention_json = @retention_json, signature_scheme = @signature_scheme,
      signature_custom_json = @signature_custom_json, updated_at = @updated_at WHERE id = @id`);
  const remove = db.prepare('DELETE FROM inboxes WHERE id = ?');

  // Every received request looks its inbox up by slug; inboxes change rarely, so keep them in memory.
  const slugCache = new Map<string, InboxRow | undefined>();
  const forget = () => slugCache.clear();
  writes.onRolledBack(forget);
  // Checks and writes run together in one savepoint: a slug taken meanwhile fails this write alone.
  const durably = <T>(apply: () => T) => writes.write('durable', apply, { isolated: true });

  const queries = {
    all: () => all.all() as InboxRow[],
    byId: (id: string) => byId.get(id) as InboxRow | undefined,
    bySlug: (slug: string): InboxRow | undefined => {
      if (!slugCache.has(slug)) slugCache.set(slug, bySlug.get(slug) as InboxRow | undefined);
      return slugCache.get(slug);
    },
    /** The API accepts an inbox's id or its slug wherever it names an inbox. */
    find: (idOrSlug: string) => queries.byId(idOrSlug) ?? queries.bySlug(idOrSlug),

    create: (input: InboxCreate, now = Date.now()): Promise<InboxRow> => durably(() => insertInbox(input, now)),

    update: (id: string, patch: InboxUpdate, now = Date.now()): Promise<InboxRow> => durably(() => updateInbox(id, patch, now)),

    /** Its deliveries go with it, and leave counts, rollup and search as they go. */
    delete: (id: string): Promise<boolean> => durably(() => deleteInbox(id)),

    /** The inbox every request outside /i/<slug>/ lands in; it exists from the engine's first start on. */
    defaultInbox: (): InboxRow | undefined => queries.bySlug(DEFAULT_INBOX_SLUG),

    /** The default inbox, created on the store's first open. */
    ensureDefault: async (now = Date.now()): Promise<InboxRow> => queries.bySlug(DEFAULT_INBOX_SLUG) ?? durably(() => createDefault(now)),

    /**
     * Opening the store, before any write goes through the queue: the first start creates the
     * default inbox in a transaction of its own, fsynced by SQLite, like a migration.
     */
    createDefaultOnOpen: (now = Date.now()): InboxRow => db.transaction(() => createDefault(now))(),
  };

  function createDefault(now: number): InboxRow {
    return queries.bySlug(DEFAULT_INBOX_SLUG) ?? insertInbox({ name: 'Default', slug: DEFAULT_INBOX_SLUG }, now);
  }

  function insertInbox(input: InboxCreate, now: number): InboxRow {
    const slug = input.slug ?? slugFromName(input.name);
    if (queries.bySlug(slug)) throw slugTaken(slug);
    const id = newId('inb', now);
    insert.run({
      id,
      name: input.name,
      slug,
      secret: input.secret ?? null,
      ...answerColumns(input, EMPTY_ANSWER),
      retention_json: input.retention ? JSON.stringify(input.retention) : null,
      now,
    });
    forget();
    return queries.byId(id)!;
  }

  function updateInbox(id: string, patch: InboxUpdate, now: number): InboxRow {
    const current = queries.byId(id);
    if (!current) throw new HookbenchError('not_found', `No inbox with id ${id}.`, 404);
    if (patch.slug !== undefined && patch.slug !== current.slug) {
      if (current.slug === DEFAULT_INBOX_SLUG) {
        throw new HookbenchError(
          'default_inbox',
          'The default inbox keeps the slug "default": every path outside /i/<slug>/ lands there.',
          409,
        );
      }
      if (queries.bySlug(patch.slug)) throw slugTaken(patch.slug);
    }
    const next = { ...current, updated_at: now };
    if (patch.name !== undefined) next.name = patch.name;
    if (patch.slug !== undefined) next.slug = patch.slug;
    if (patch.secret !== undefined && patch.secret !== current.secret) {
      // Rotation: the old secret keeps verifying until the user ends the overlap.
      next.previous_secret = current.secret;
      next.secret = patch.secret;
    }
    if (patch.previous_secret === null) next.previous_secret = null;
    Object.assign(next, answerColumns(patch, current));
    if (patch.retention !== undefined) next.retention_json = patch.retention === null ? null : JSON.stringify(patch.retention);
    if (patch.signature) {
      next.signature_scheme = patch.signature.scheme === 'auto' ? null : patch.signature.scheme;
      next.signature_custom_json = patch.signature.custom ? JSON.stringify(patch.signature.custom) : null;
    }
    update.run(next);
    forget();
    return queries.byId(id)!;
  }

  function deleteInbox(id: string): boolean {
    const current = queries.byId(id);
    if (current?.slug === DEFAULT_INBOX_SLUG) {
      throw new HookbenchError('default_inbox', 'The default inbox cannot be deleted: every path outside /i/<slug>/ lands there.', 409);
    }
    removal.inbox(id);
    const removed = remove.run(id).changes > 0;
    forget();
    return removed;
  }

  return queries;
}

export type InboxRepository = ReturnType<typeof createInboxRepository>;
