import fc from 'fast-check';
import { expect } from 'vitest';
import type { HeaderPairs } from '../../../shared/inboundflow/headers.js';
import type { SchemeDiagnosis, SignatureScheme, SignedRequest, SignInput } from '../../../shared/signatures/scheme.js';

/** A fixed clock for the schemes (time is an input); oracle tests use the real one, as the libraries do. */
export const NOW = new Date(Date.UTC(2026, 2, 1, 12, 0, 0));
export const NOW_S = Math.floor(NOW.getTime() / 1000);

/** Property runs: enough to find a scheme slip, few enough that a file stays well under a second per property. */
export const RUNS = { numRuns: 60 };

export function request(headers: HeaderPairs, body: Buffer | string, extra: Partial<SignedRequest> = {}): SignedRequest {
  return { headers, rawBody: Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8'), ...extra };
}

/** Headers of a successful sign(); fails the test otherwise. */
export function signOrFail(scheme: SignatureScheme, input: SignInput): { headers: [string, string][]; url?: string; signedString: string } {
  const outcome = scheme.sign(input);
  if (!outcome.ok) throw new Error(`sign failed: ${outcome.reason}`);
  return outcome;
}

export function headerObject(headers: HeaderPairs): Record<string, string> {
  return Object.fromEntries(headers.map(([name, value]) => [name, value]));
}

export function withHeader(headers: HeaderPairs, name: string, value: string | null): [string, string][] {
  const kept = headers.filter(([key]) => key.toLowerCase() !== name.toLowerCase()).map(([key, v]) => [key, v] as [string, string]);
  return value === null ? kept : [...kept, [name, value]];
}

/** The diagnosis, checked to be exactly `cause` with `verdict`, and every field a UI shows filled in. */
export function expectCause(
  diagnosis: SchemeDiagnosis,
  verdict: SchemeDiagnosis['verdict'],
  cause: SchemeDiagnosis['cause'],
): SchemeDiagnosis {
  expect({ verdict: diagnosis.verdict, cause: diagnosis.cause, reason: diagnosis.reason }).toMatchObject({ verdict, cause });
  expect(diagnosis.reason.length).toBeGreaterThan(10);
  if (cause !== null) expect(diagnosis.fix).toMatch(/\S/);
  return diagnosis;
}

/** Text bodies (the libraries take strings), JSON ones included. */
export const bodyArb = fc.oneof(fc.string({ maxLength: 300 }), fc.json({ maxDepth: 3 }), fc.string({ unit: 'grapheme', maxLength: 100 }));

/** A body that differs from `body` in exactly one place. */
export function tampered(body: string, at: number): string {
  if (body.length === 0) return 'x';
  const index = at % body.length;
  const replacement = body[index] === 'a' ? 'b' : 'a';
  return body.slice(0, index) + replacement + body.slice(index + 1);
}

export function pretty(json: string): string {
  return JSON.stringify(JSON.parse(json), null, 2);
}
