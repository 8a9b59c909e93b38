import { decodeBody } from '../../../shared/api/body-codec.js';
import type { DeliverySummary, InlineDeliveryRecord } from '../../../shared/api/deliveries.js';
import { json, send } from './senders.js';

export interface QueuedSend {
  n: number;
  path: string;
  body: Buffer;
  /** The relay's request id from its 202. */
  id: string;
}

/** Binary bodies that differ per request, so byte-for-byte storage and order are both checked. */
export function queuedBody(n: number): Buffer {
  const body = Buffer.alloc(64 + (n % 97));
  for (let i = 0; i < body.byteLength; i++) body[i] = (n * 31 + i * 7) & 0xff;
  body.write(`#${n}#`, 0, 'latin1');
  return body;
}

/**
 * Sends `count` requests to a tunnel whose app is away, `parallel` at a time (1: one after the other,
 * so arrival order is send order), and expects each to be queued: 202 {"queued":true,"id":…}.
 */
export async function sendQueued(url: string, count: number, parallel = 1, from = 0): Promise<QueuedSend[]> {
  const sent: QueuedSend[] = [];
  let next = from;
  const worker = async () => {
    while (next < from + count) {
      const n = next++;
      const path = `/queued/n${n}?x=${n}`;
      const body = queuedBody(n);
      const res = await send(`${url}${path}`, {
        body,
        headers: [
          ['X-Order', String(n)],
          ['x-ORDER', 'again'],
        ],
      });
      if (res.status !== 202) throw new Error(`request ${n}: expected 202, got ${res.status} ${res.body.toString()}`);
      const answer = json(res);
      if (answer.queued !== true || typeof answer.id !== 'string')
        throw new Error(`request ${n}: not a queued answer: ${res.body.toString()}`);
      sent.push({ n, path, body, id: answer.id });
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return sent.sort((a, b) => a.n - b.n);
}

type ApiJson = <T>(path: string) => Promise<T>;

/** Every delivery a relay queued, oldest first (the list pages newest first). */
export async function queuedDeliveries(apiJson: ApiJson): Promise<DeliverySummary[]> {
  const all: DeliverySummary[] = [];
  let before: string | null = null;
  do {
    const page: { items: DeliverySummary[]; next: string | null } = await apiJson(
      `/api/deliveries?queued=true&limit=500${before ? `&before=${encodeURIComponent(before)}` : ''}`,
    );
    all.push(...page.items);
    before = page.next;
  } while (before);
  return all.reverse();
}

/** A stored delivery's exact body bytes. */
export async function storedBody(apiJson: ApiJson, id: string): Promise<Buffer> {
  const record = await apiJson<InlineDeliveryRecord>(`/api/deliveries/${id}`);
  return decodeBody(record.body);
}
