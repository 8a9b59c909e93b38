import { randomUUID } from 'node:crypto';
import type { RawHeaders } from '../../../shared/api/common.js';
import type { CheckId } from '../../../shared/handler-check/scorecard.js';
import { INBOUNDFLOW_EVENTS, type InboundFlowEvent } from '../../../shared/inboundflow/events.js';
import { INBOUNDFLOW_HEADERS } from '../../../shared/inboundflow/headers.js';
import { sign } from '../../../shared/inboundflow/signature.js';
import { deliveryHeaders, envelopeBytes } from '../dispatch/delivery-request.js';
import { eventTemplate } from '../dispatch/event-templates.js';

export type ProbeKind = 'event' | 'redelivery' | 'wrong_signature' | 'missing_signature' | 'body_changed' | 'reserialized_body';

/** One delivery of the check: its body is fixed; its headers are made at send time (the timestamp is the attempt's). */
export interface Probe {
  checkId: CheckId;
  kind: ProbeKind;
  event: InboundFlowEvent;
  deliveryId: string;
  body: Buffer;
  headers(timestamp: number): RawHeaders;
}

/** Another secret's signature: right form, wrong key. */
const FORGER_SECRET = 'hookbench-check-not-your-secret';

function eventProbe(event: InboundFlowEvent, organizationId: string, secret: string | null): Probe {
  const deliveryId = randomUUID();
  const body = envelopeBytes({ event, occurredAt: new Date(), organizationId, deliveryId, data: eventTemplate(event) });
  return {
    checkId: `event.${event}` as CheckId,
    kind: 'event',
    event,
    deliveryId,
    body,
    headers: (timestamp) => deliveryHeaders({ event, deliveryId, timestamp, body, secret }),
  };
}

function withoutSignature(headers: RawHeaders): RawHeaders {
  return headers.filter(([name]) => name !== INBOUNDFLOW_HEADERS.signature);
}

/**
 * The same JSON value written differently from JSON.stringify's output: "/" escaped as "\/" and
 * a space after each top-level separator. Both parse to the same value; only the bytes differ.
 */
export function rewrittenJson(body: Buffer): Buffer {
  return Buffer.from(body.toString('utf8').replaceAll('/', '\\/').replace(/^\{/, '{ ').replace(/\}$/, ' }'), 'utf8');
}

/**
 * The check's deliveries in the order they go out: the four events correctly signed, the first
 * one again (same bytes, same delivery_id, as InboundFlow redelivers), then, with a secret, three
 * forgeries and the re-serialisation probe.
 */
export function checkProbes(secret: string | null, organizationId: string = randomUUID()): Probe[] {
  const events = INBOUNDFLOW_EVENTS.map((event) => eventProbe(event, organizationId, secret));
  const first = events[0];
  const probes: Probe[] = [...events, { ...first, checkId: 'redelivery', kind: 'redelivery' }];
  if (!secret) return probes;

  const forged = (checkId: CheckId, kind: ProbeKind, make: (p: Probe) => Pick<Probe, 'body' | 'headers'>): Probe => {
    const base = eventProbe('call.completed', organizationId, secret);
    return { ...base, ...make(base), checkId, kind };
  };
  probes.push(
    forged('forged.wrong_signature', 'wrong_signature', (p) => ({
      body: p.body,
      headers: (timestamp) => deliveryHeaders({ event: p.event, deliveryId: p.deliveryId, timestamp, body: p.body, secret: FORGER_SECRET }),
    })),
    forged('forged.missing_signature', 'missing_signature', (p) => ({
      body: p.body,
      headers: (timestamp) => withoutSignature(p.headers(timestamp)),
    })),
    forged('forged.body_changed', 'body_changed', (p) => {
      // Signed over the original bytes, sent with one value changed: what a tampering proxy would do.
      const changed = Buffer.from(p.body.toString('utf8').replace('"duration_seconds":', '"duration_seconds":1'), 'utf8');
      return {
        body: changed,
        headers: (timestamp) => [
          ...withoutSignature(p.headers(timestamp)),
          [INBOUNDFLOW_HEADERS.signature, sign(secret, timestamp, p.body)],
        ],
      };
    }),
    forged('reserialized_body', 'reserialized_body', (p) => {
      const body = rewrittenJson(p.body);
      return { body, headers: (timestamp) => deliveryHeaders({ event: p.event, deliveryId: p.deliveryId, timestamp, body, secret }) };
    }),
  );
  return probes;
}
