import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newId } from '../electron/engine/ids.js';
import type { NewDelivery } from '../electron/engine/store/deliveries/delivery-rows.js';
import { openStore } from '../electron/engine/store/store.js';

const EVENTS = ['call.completed', 'call.transferred', 'appointment.booked', 'lead.created', null, null];
const BATCH = 20_000;

/** Word in every 100th seeded body: a search with the same share of hits at any store size. */
export const SEED_SEARCH_WORD = (n: number) => `acct${n % 100}`;

/**
 * A realistic mix of deliveries, written straight through the store in large batches, then
 * derived (search index, counts, rollup). The seeded inbox gets no count limit, so retention keeps them all.
 */
export async function seedDeliveries(count: number, dataDir = mkdtempSync(join(tmpdir(), 'hookbench-seed-'))): Promise<string> {
  const store = openStore(dataDir);
  const inbox = await store.inboxes.ensureDefault();
  await store.inboxes.update(inbox.id, { retention: { max_count: null } });
  store.db.pragma('cache_size = -65536');
  const existing = store.deliveries.count();
  const start = Date.now() - (existing + count) * 1000;
  for (let done = 0; done < count;) {
    const batch: NewDelivery[] = [];
    for (let i = 0; i < BATCH && done < count; i++, done++) {
      const n = existing + done;
      const event = EVENTS[n % EVENTS.length];
      const body = Buffer.from(
        JSON.stringify({ event, n, data: { caller_name: `Caller ${n % 977}`, account: SEED_SEARCH_WORD(n), summary: 'seeded delivery' } }),
      );
      batch.push({
        id: newId('dlv', start + n * 1000),
        direction: n % 10 === 0 ? 'out' : 'in',
        inboxId: inbox.id,
        integrationId: null,
        method: 'POST',
        path: `/webhooks/${n % 50}`,
        headers: [
          ['Host', '127.0.0.1:4610'],
          ['Content-Type', 'application/json'],
          ['Content-Length', String(body.length)],
        ],
        body,
        contentType: 'application/json',
        jsonState: 'valid',
        remoteAddress: '127.0.0.1',
        tls: false,
        via: 'direct',
        receivedAt: start + n * 1000,
        response: { status: n % 17 === 0 ? 500 : 200, headers: [['Content-Type', 'application/json']], body: Buffer.from('{"ok":true}') },
        event,
        deliveryId: event ? `seed-${n}` : null,
        signature: null,
        schema: null,
        replayOf: null,
      });
    }
    // Lazy: seeding a throwaway store, durability is not the point here.
    await store.writes.write('lazy', () => batch.forEach((item) => store.deliveries.insert(item)));
  }
  // Search index, counts and rollup, derived in batches as the engine would after a burst.
  await store.derived.idle();
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  await store.close();
  return dataDir;
}
