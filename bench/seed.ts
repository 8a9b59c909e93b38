import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newId } from '../electron/engine/ids.js';
import type { NewDelivery } from '../electron/engine/store/delivery-rows.js';
import { openStore } from '../electron/engine/store/store.js';

const EVENTS = ['call.completed', 'call.transferred', 'appointment.booked', 'lead.created', null, null];

/** A realistic mix of deliveries, written straight through the store in large transactions. */
export async function seedDeliveries(count: number, dataDir = mkdtempSync(join(tmpdir(), 'hookbench-seed-'))): Promise<string> {
  const store = openStore(dataDir);
  const inbox = store.inboxes.ensureDefault();
  store.db.pragma('synchronous = OFF'); // Seeding a throwaway store: durability is not the point here.
  const insertMany = store.db.transaction((items: NewDelivery[]) => {
    for (const item of items) store.deliveries.insert(item);
  });
  const start = Date.now() - count * 1000;
  for (let done = 0; done < count; ) {
    const batch: NewDelivery[] = [];
    for (let i = 0; i < 5000 && done < count; i++, done++) {
      const event = EVENTS[done % EVENTS.length];
      const body = Buffer.from(JSON.stringify({ event, n: done, data: { caller_name: `Caller ${done % 977}`, summary: 'seeded delivery' } }));
      batch.push({
        id: newId('dlv', start + done * 1000),
        direction: done % 10 === 0 ? 'out' : 'in',
        inboxId: inbox.id,
        integrationId: null,
        method: 'POST',
        path: `/webhooks/${done % 50}`,
        headers: [['Host', '127.0.0.1:4610'], ['Content-Type', 'application/json'], ['Content-Length', String(body.length)]],
        body,
        contentType: 'application/json',
        jsonState: 'valid',
        remoteAddress: '127.0.0.1',
        tls: false,
        via: 'direct',
        receivedAt: start + done * 1000,
        response: { status: done % 17 === 0 ? 500 : 200, headers: [['Content-Type', 'application/json']], body: Buffer.from('{"ok":true}') },
        event,
        deliveryId: event ? `seed-${done}` : null,
        signature: null,
        schema: null,
        replayOf: null,
      });
    }
    insertMany(batch);
  }
  await store.close();
  return dataDir;
}
