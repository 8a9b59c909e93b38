import { afterEach, describe, expect, it } from 'vitest';
import { runHandlerCheck } from '../../../electron/engine/check/handler-check.js';
import { createProbeSender } from '../../../electron/engine/check/probe-sender.js';
import type { CheckVerdict, Scorecard } from '../../../shared/handler-check/scorecard.js';
import { startHandlerFixture, type HandlerBehaviour, type HandlerFixture } from '../../support/handler-fixtures.js';

const SECRET = 'whsec_check_fixture';
const ORDER = [
  'https',
  'event.call.completed',
  'event.call.transferred',
  'event.appointment.booked',
  'event.lead.created',
  'redelivery',
  'forged.wrong_signature',
  'forged.missing_signature',
  'forged.body_changed',
  'reserialized_body',
] as const;

const V = (...verdicts: CheckVerdict[]) => Object.fromEntries(ORDER.map((id, i) => [id, verdicts[i]]));

let fixture: HandlerFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

async function check(behaviour: HandlerBehaviour, secret: string | null = SECRET, timing: { timeoutMs?: number } = {}): Promise<Scorecard> {
  fixture = await startHandlerFixture(behaviour, SECRET);
  const sender = createProbeSender({ caPems: [] });
  try {
    // A hanging handler is tested with a short deadline; the rule is the same at InboundFlow's 10 s.
    return await runHandlerCheck({ url: new URL(fixture.url), secret, ...timing, afterHangTimeoutMs: 200 }, sender.send);
  } finally {
    await sender.close();
  }
}

const verdicts = (card: Scorecard) => Object.fromEntries(card.checks.map((c) => [c.id, c.verdict]));
const byId = (card: Scorecard, id: string) => card.checks.find((c) => c.id === id)!;

describe('the handler check against real handlers', () => {
  it('passes a handler that follows every rule', async () => {
    const card = await check('good');
    expect(verdicts(card)).toEqual(V('info', 'pass', 'pass', 'pass', 'pass', 'pass', 'pass', 'pass', 'pass', 'pass'));
    expect(card.ok).toBe(true);
    expect(card.counts).toEqual({ pass: 9, warn: 0, fail: 0, info: 1 });
    expect(byId(card, 'redelivery').sentence).toMatch(/Hookbench cannot see your side effects/);
    // The redelivery carries the first delivery's id and bytes, as InboundFlow's does.
    expect(fixture!.requests[4].headers['x-inboundflow-delivery-id']).toBe(fixture!.requests[0].headers['x-inboundflow-delivery-id']);
    expect(fixture!.requests[4].body.equals(fixture!.requests[0].body)).toBe(true);
  });

  it('warns about a slow answer with its time, and still passes the scorecard', async () => {
    const card = await check('slow');
    expect(verdicts(card)).toEqual(V('info', 'pass', 'warn', 'pass', 'pass', 'pass', 'pass', 'pass', 'pass', 'pass'));
    expect(byId(card, 'event.call.transferred').sentence).toMatch(
      /^Answered in 2\.\d s: InboundFlow times out at 10\.0 s; answer first, work after\.$/,
    );
    expect(card.ok).toBe(true);
  });

  it('fails a handler that refuses a redelivery of the same delivery_id', async () => {
    const card = await check('not_idempotent');
    expect(verdicts(card)).toEqual(V('info', 'pass', 'pass', 'pass', 'pass', 'fail', 'pass', 'pass', 'pass', 'pass'));
    expect(byId(card, 'redelivery')).toMatchObject({ status: 409, failure_class: 'http_409' });
    expect(card.ok).toBe(false);
  });

  it('reports "accepts forged deliveries" for each forgery a handler with a secret answers 2xx', async () => {
    const card = await check('accepts_forged');
    expect(verdicts(card)).toEqual(V('info', 'pass', 'pass', 'pass', 'pass', 'pass', 'fail', 'fail', 'fail', 'info'));
    for (const id of ['forged.wrong_signature', 'forged.missing_signature', 'forged.body_changed']) {
      expect(byId(card, id).sentence).toMatch(/^Accepts forged deliveries: answered 200 to /);
    }
    expect(card.ok).toBe(false);
  });

  it('fails a handler that refuses correctly signed deliveries, naming the failure class and the disable count', async () => {
    const card = await check('refuses_valid');
    expect(verdicts(card)).toEqual(V('info', 'fail', 'fail', 'fail', 'fail', 'fail', 'info', 'info', 'info', 'info'));
    expect(byId(card, 'event.call.completed').sentence).toBe(
      'Answered 401: InboundFlow records this as http_401; 10 such failures in a row disable the integration.',
    );
  });

  it('reports a redirect as the http_3xx failure InboundFlow records, with the fix', async () => {
    const card = await check('redirects');
    expect(verdicts(card)).toEqual(V('info', 'fail', 'fail', 'fail', 'fail', 'fail', 'info', 'info', 'info', 'info'));
    expect(byId(card, 'event.lead.created')).toMatchObject({ status: 308, failure_class: 'http_308' });
    expect(byId(card, 'event.lead.created').fix).toMatch(/does not follow redirects/);
  });

  it('reports a hang as a timeout once at the full deadline, then waits the short deadline for the rest', async () => {
    const card = await check('hangs', SECRET, { timeoutMs: 1_500 });
    expect(verdicts(card)).toEqual(V('info', 'fail', 'fail', 'fail', 'fail', 'fail', 'info', 'info', 'info', 'info'));
    expect(card.checks.filter((c) => c.failure_class === 'timeout')).toHaveLength(9);
    expect(byId(card, 'event.call.completed').sentence).toMatch(/^Did not answer within 1\.5 s: InboundFlow records this as timeout/);
    expect(byId(card, 'event.call.transferred').sentence).toMatch(
      /^Did not answer within 200 ms \(an earlier delivery went unanswered for 1\.5 s, so the check waited less\): InboundFlow records this as timeout/,
    );
    expect(card.plan).toEqual({ deliveries: 9, timeout_ms: 1_500, after_hang_timeout_ms: 200, max_ms: 13_500, hang_ms: 3_100 });
  });

  it('warns a handler that verifies only JSON.stringify(JSON.parse(body)) and shows the raw-bytes fix', async () => {
    const card = await check('reserialized_only');
    expect(verdicts(card)).toEqual(V('info', 'pass', 'pass', 'pass', 'pass', 'pass', 'pass', 'pass', 'pass', 'warn'));
    const rule = byId(card, 'reserialized_body');
    expect(rule.sentence).toMatch(/^Verifies only the re-serialised form/);
    expect(rule.fix).toMatch(/Verify over the raw request bytes/);
  });

  it('skips the signature checks without a secret, and says so', async () => {
    // A handler that verifies nothing: without a secret, that is all the check can expect.
    const card = await check('accepts_forged', null);
    expect(verdicts(card)).toEqual(V('info', 'pass', 'pass', 'pass', 'pass', 'pass', 'info', 'info', 'info', 'info'));
    expect(fixture!.requests).toHaveLength(5);
    expect(fixture!.requests.every((r) => r.headers['x-inboundflow-signature'] === undefined)).toBe(true);
    expect(card.plan.deliveries).toBe(5);
  });
});
