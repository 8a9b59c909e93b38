import type * as z from 'zod';
import { anyEventEnvelopeSchema, envelopeSchemaByEvent } from './envelope.js';
import { INBOUNDFLOW_EVENTS, type InboundFlowEvent, isInboundFlowEvent } from './events.js';
import { deliveryHeadersSchema, type HeaderPairs, headerRecord } from './headers.js';

/** One problem, located by a path like `data.caller_phone` ('' means the value as a whole). */
export interface ValidationError {
  path: string;
  message: string;
}

export interface EnvelopeValidation {
  valid: boolean;
  /** The event the payload names, when it is one of the four known events; otherwise null. */
  event: InboundFlowEvent | null;
  errors: ValidationError[];
}

// A missing key reads better as "is required" than zod's "expected string, received undefined".
const parseOptions = {
  error: (issue: { input?: unknown }) => (issue.input === undefined ? 'is required' : undefined),
};

function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => {
    if (typeof key === 'number') return `${text}[${key}]`;
    return text === '' ? String(key) : `${text}.${String(key)}`;
  }, '');
}

function toErrors(issues: readonly z.core.$ZodIssue[], prefix = ''): ValidationError[] {
  return issues.map((issue) => {
    const path = formatPath(issue.path);
    return { path: prefix && path ? `${prefix}.${path}` : prefix || path, message: issue.message };
  });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks a parsed JSON body against the envelope of the event it names. Never throws. */
export function validateEnvelope(value: unknown): EnvelopeValidation {
  if (!isObject(value)) {
    return { valid: false, event: null, errors: [{ path: '', message: 'must be a JSON object (the delivery envelope)' }] };
  }
  if (!isInboundFlowEvent(value.event)) {
    // Without a known event the data cannot be checked, but the rest of the envelope can.
    const envelope = anyEventEnvelopeSchema.safeParse(value, parseOptions);
    const others = envelope.success ? [] : toErrors(envelope.error.issues).filter((error) => error.path !== 'event');
    const message =
      value.event === undefined ? 'is required' : `must be one of: ${INBOUNDFLOW_EVENTS.join(', ')} (got ${JSON.stringify(value.event)})`;
    return { valid: false, event: null, errors: [{ path: 'event', message }, ...others] };
  }
  const result = envelopeSchemaByEvent[value.event].safeParse(value, parseOptions);
  return { valid: result.success, event: value.event, errors: result.success ? [] : toErrors(result.error.issues) };
}

/** Checks delivery headers (any case, arrival order) against the documented set; paths read `headers.<name>`. */
export function validateDeliveryHeaders(headers: HeaderPairs): { valid: boolean; errors: ValidationError[] } {
  const result = deliveryHeadersSchema.safeParse(headerRecord(headers), parseOptions);
  return { valid: result.success, errors: result.success ? [] : toErrors(result.error.issues, 'headers') };
}
