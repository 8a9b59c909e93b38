import type { InboundFlowEvent } from '../../../../shared/inboundflow/events.js';
import { validateEnvelope, type ValidationError } from '../../../../shared/inboundflow/validate.js';

/** Where in the text a problem is, 1-based, for the editor to point at. */
export interface TextSpot {
  offset: number;
  line: number;
  column: number;
}

export interface FieldProblem extends ValidationError {
  /** Where the field's key is in the text, when it is there at all (a missing field has none). */
  spot: TextSpot | null;
}

/** The composer's JSON as the user types it: not JSON yet, JSON but not the event's data, or ready to send. */
export type DataCheck =
  | { kind: 'syntax'; message: string; spot: TextSpot }
  | { kind: 'not_object'; message: string }
  | { kind: 'schema'; problems: FieldProblem[] }
  | { kind: 'valid'; data: Record<string, unknown> };

// Placeholders for the envelope fields the engine fills in itself; only `data` is the user's.
const ENVELOPE = { timestamp: '2026-01-01T00:00:00.000Z', organization_id: 'org', delivery_id: 'delivery' };

export function spotAt(text: string, offset: number): TextSpot {
  const clamped = Math.max(0, Math.min(offset, text.length));
  const before = text.slice(0, clamped);
  const line = before.split('\n').length;
  return { offset: clamped, line, column: clamped - before.lastIndexOf('\n') };
}

/** The JSON.parse message without the engine-specific position suffixes, plus where it points. */
function syntaxProblem(text: string, error: unknown): { message: string; spot: TextSpot } {
  const raw = error instanceof Error ? error.message : String(error);
  const position = /at position (\d+)/.exec(raw);
  const offset = position ? Number(position[1]) : text.length;
  const message = raw
    .replace(/\s*\(line \d+ column \d+\)/, '')
    .replace(/\s*in JSON at position \d+/, '')
    .replace(/^JSON\.parse: /, '')
    .trim();
  return { message: message || 'Not valid JSON', spot: spotAt(text, offset) };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Where the key of a `data.<key>` path sits in the text (the first `"key":`), or null. */
export function locateField(text: string, path: string): TextSpot | null {
  const key = path.replace(/^data\.?/, '').split(/[.[]/)[0];
  if (!key) return null;
  const match = new RegExp(`"${escapeRegExp(key)}"\\s*:`).exec(text);
  return match ? spotAt(text, match.index) : null;
}

/** Checks the composer's text as InboundFlow would check the event's `data`, with the docs' schemas. */
export function checkEventData(event: InboundFlowEvent, text: string): DataCheck {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { kind: 'syntax', ...syntaxProblem(text, error) };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { kind: 'not_object', message: `data must be a JSON object ({ … }) with the fields of ${event}.` };
  }
  const result = validateEnvelope({ event, ...ENVELOPE, data: value });
  if (result.valid) return { kind: 'valid', data: value as Record<string, unknown> };
  return {
    kind: 'schema',
    problems: result.errors.map((error) => ({ ...error, spot: locateField(text, error.path) })),
  };
}

/** Pretty JSON for the editor, two spaces as the docs print it. */
export function formatEventData(data: unknown): string {
  return JSON.stringify(data, null, 2);
}
