import type { AttemptResult } from '../outbound/attempt-result.js';
import { createSender, type Sender } from '../dispatch/http-sender.js';
import type { Probe } from './check-probes.js';
import type { ProbeSent, SendProbe } from './handler-check.js';

export interface ProbeSenderOptions {
  caPems: readonly string[];
  /** Stores the attempt as an outgoing delivery around `send`; without it nothing is stored. */
  record?: RecordAttempt;
}

export type RecordAttempt = (
  request: { url: URL; event: Probe['event']; deliveryId: string; body: Buffer; headers: ReturnType<Probe['headers']> },
  send: () => Promise<AttemptResult>,
) => Promise<{ id: string; result: AttemptResult }>;

/**
 * The check's deliveries go through the dispatch engine's own sender (no redirects followed, one
 * deadline, InboundFlow's failure classes); one sender per deadline, since a sender has one.
 */
export function createProbeSender(options: ProbeSenderOptions): { send: SendProbe; close: () => Promise<void> } {
  const senders = new Map<number, Sender>();
  const senderFor = (timeoutMs: number) => {
    let sender = senders.get(timeoutMs);
    if (!sender) senders.set(timeoutMs, (sender = createSender({ timeoutMs, extraCaPems: options.caPems })));
    return sender;
  };

  const send: SendProbe = async (probe, url, timeoutMs) => {
    const headers = probe.headers(Math.floor(Date.now() / 1000));
    const attempt = () => senderFor(timeoutMs).send({ url, headers, body: probe.body });
    const request = { url, event: probe.event, deliveryId: probe.deliveryId, body: probe.body, headers };
    const { id, result } = options.record ? await options.record(request, attempt) : { id: null, result: await attempt() };
    const sent: ProbeSent = { status: result.status, durationMs: result.durationMs, failureClass: result.errorClass, recordId: id };
    return sent;
  };

  return {
    send,
    close: async () => {
      await Promise.all([...senders.values()].map((s) => s.close()));
    },
  };
}
