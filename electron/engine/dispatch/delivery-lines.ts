import { setMaxListeners } from 'node:events';
import type { EngineEvents } from '../events.js';
import { newId } from '../ids.js';
import { applyAttempt, type AttemptVerdict } from '../../../shared/inboundflow/auto-disable.js';
import { deliveryHeaders, wireHeaders } from './delivery-request.js';
import type { WriteQueue } from '../store/write-queue.js';
import { createSender } from './http-sender.js';
import type { InFlightDelivery } from './in-flight-delivery.js';
import { failureStateOf, withFailureState } from './integration-rows.js';
import type { IntegrationService } from './integration-service.js';
import type { OutgoingRows, SkippedReason } from '../store/integrations/outgoing-rows.js';
import { sendingSummary, settledSummary, skippedSummary } from './outgoing-summary.js';
import { SerialQueues } from './serial-queues.js';
import { integrationSending } from './integration-sending.js';

export type JobKind = 'event' | 'test' | 'redeliver';

export interface Job {
  integrationId: string;
  kind: JobKind;
  delivery: InFlightDelivery;
}

export interface DeliveryLinesOptions {
  writes: WriteQueue;
  outgoing: OutgoingRows;
  integrations: IntegrationService;
  events: EngineEvents;
  allowHttpLocalhost: boolean;
  timeoutMs: number;
  caPems: readonly string[];
  log?: (line: string) => void;
}

/**
 * One FIFO line per integration, each running one attempt at a time: check, record the attempt as
 * started, send, then record the outcome and the failure count in one durable commit. Lines never
 * wait for each other.
 */
export function createDeliveryLines(options: DeliveryLinesOptions) {
  const { writes, outgoing, integrations, events, allowHttpLocalhost } = options;
  const sender = createSender({ timeoutMs: options.timeoutMs, extraCaPems: options.caPems });
  const queues = new SerialQueues();
  const stopSignal = new AbortController();
  // Every attempt in flight listens for the stop; there is one per line.
  setMaxListeners(0, stopSignal.signal);
  let stopping = false;

  const announce = (delivery: InFlightDelivery, type: 'delivery.created' | 'delivery.updated' = 'delivery.updated') =>
    events.emit({ type, delivery: delivery.summary });

  async function settleUnsent(delivery: InFlightDelivery, state: 'skipped' | 'interrupted', reason: SkippedReason | null): Promise<void> {
    const { unstored, seq } = delivery;
    delivery.seq = await writes.write('lazy', () =>
      unstored ? outgoing.insert({ ...unstored, state, skippedReason: reason }) : (outgoing.setState(seq!, state, reason), seq),
    );
    delivery.summary = skippedSummary(delivery.summary, reason, state);
    announce(delivery, unstored ? 'delivery.created' : 'delivery.updated');
    delivery.unstored = null;
    delivery.markStored();
  }

  async function runJob({ integrationId, kind, delivery }: Job): Promise<void> {
    if (stopping) return settleUnsent(delivery, 'interrupted', null);
    const row = integrations.rows.byId(integrationId);
    if (!row) return settleUnsent(delivery, 'skipped', 'integration_deleted');
    // A test is how a user checks the endpoint before re-enabling, so it goes out while disabled (and is not counted then).
    if (row.enabled === 0 && kind !== 'test') return settleUnsent(delivery, 'skipped', 'disabled');
    const sending = integrationSending(row, allowHttpLocalhost);
    const url = sending.checked;
    if (!url) return settleUnsent(delivery, 'skipped', 'url_refused');
    const { summary, body, unstored } = delivery;
    const headers = deliveryHeaders({
      event: summary.event!,
      deliveryId: summary.delivery_id!,
      timestamp: Math.floor(Date.now() / 1000),
      body,
      secret: sending.signingKey,
    });
    const attempt = { attemptId: newId('att'), startedAt: Date.now(), url, requestHeaders: wireHeaders(url, headers, body.byteLength) };
    // Committed before the send (a crash of the process keeps it), flushed with the next durable write.
    const seq = await writes.write('lazy', () => {
      // The integration may have been deleted since this job looked: then nothing is sent.
      if (!integrations.rows.byId(integrationId)) return 'gone' as const;
      if (unstored) return outgoing.insertSending(unstored, attempt);
      return outgoing.begin({ ...attempt, seq: delivery.seq! }) ? delivery.seq! : null;
    });
    if (seq === 'gone') return settleUnsent(delivery, 'skipped', 'integration_deleted');
    if (seq === null) return; // the delivery was deleted while it waited
    delivery.seq = seq;
    delivery.unstored = null;
    delivery.summary = sendingSummary(summary, url);
    announce(delivery, unstored ? 'delivery.created' : 'delivery.updated');
    delivery.markStored();

    const result = await sender.send({ url, headers, body }, stopSignal.signal);

    // Durable: the outcome and the failure count reach the disk, together, before the line moves on.
    const step = await writes.write('durable', () => {
      outgoing.finish(attempt.attemptId, seq, result);
      if (result.outcome === 'interrupted') return null;
      const current = integrations.rows.byId(row.id);
      if (!current) return null;
      const verdict: AttemptVerdict =
        result.outcome === 'succeeded' ? { ok: true } : { ok: false, errorClass: result.errorClass ?? 'network' };
      const now = Date.now();
      const next = applyAttempt(failureStateOf(current), verdict, now);
      if (next.changed) integrations.rows.update(withFailureState(current, next.state, now));
      return next;
    });
    delivery.summary = settledSummary(delivery.summary, result);
    announce(delivery);
    if (step?.changed) integrations.announce(row.id);
    if (step?.disabledNow) {
      options.log?.(
        `dispatch: integration ${row.id} (${row.name}) disabled after ${step.state.consecutiveFailures} consecutive failures, last ${step.state.disabledReason}`,
      );
    }
  }

  return {
    announce,
    /** True when the integration's line has nothing running or waiting. */
    isFree: (integrationId: string) => queues.isIdle(integrationId),

    /** Adds a job to its integration's line; resolves when it has settled. */
    enqueue: (job: Job): Promise<void> =>
      queues.run(job.integrationId, () =>
        runJob(job).catch((error: unknown) => {
          job.delivery.markStored(error instanceof Error ? error : new Error(String(error)));
          options.log?.(
            `dispatch: delivery ${job.delivery.summary.id} failed inside Hookbench: ${(error as Error).stack ?? String(error)}`,
          );
        }),
      ),

    idle: () => queues.idle(),

    /** Cuts attempts in flight short (interrupted, not counted); what is still queued ends as interrupted too. */
    async stop(): Promise<void> {
      stopping = true;
      stopSignal.abort();
      await queues.idle();
      await sender.close();
    },
  };
}

export type DeliveryLines = ReturnType<typeof createDeliveryLines>;
