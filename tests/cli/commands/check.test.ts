import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerCheckCommand } from '../../../electron/cli/commands/check.js';
import { checkProbes } from '../../../electron/engine/check/check-probes.js';
import { plannedDeliveries } from '../../../shared/handler-check/check-rules.js';
import { Scorecard } from '../../../shared/handler-check/scorecard.js';
import { startHandlerFixture, type HandlerFixture } from '../../support/handler-fixtures.js';
import { startTestEngine, type TestEngine } from '../../support/test-engine.js';
import { runCommand } from './run-command.js';

const SECRET = 'whsec_cli_check';
let t: TestEngine;
let good: HandlerFixture;
let forged: HandlerFixture;

beforeAll(async () => {
  t = await startTestEngine();
  [good, forged] = await Promise.all([startHandlerFixture('good', SECRET), startHandlerFixture('accepts_forged', SECRET)]);
});
afterAll(async () => {
  await Promise.all([good.close(), forged.close()]);
  await t.stop();
});

const check = (...args: string[]) => runCommand(registerCheckCommand, ['check', ...args, '--api', t.info.apiUrl, '--data-dir', t.dataDir]);

describe('hookbench check', () => {
  it('exits 0 for a handler that follows every rule and prints the scorecard', async () => {
    const run = await check(good.url, '--secret', SECRET);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^Checking http:\/\/127\.0\.0\.1:\d+\/webhooks: 9 deliveries, one at a time, each waiting up to 10 s as InboundFlow does \(a handler that hangs takes 26 s; never more than 90 s\)\./,
    );
    expect(run.stdout).toMatch(/^PASS {2}call\.completed, correctly signed {2,}200 {2}\d+ ms$/m);
    expect(run.stdout).toMatch(/^PASS {2}Wrong signature {2,}401 {2}\d+ ms$/m);
    expect(run.stdout).toMatch(/^9 pass, 0 warn, 0 fail, 1 info in .*: every required check passed\.$/m);
  });

  it('exits 1 for a handler that accepts forged deliveries, and says so', async () => {
    const run = await check(forged.url, '--secret', SECRET);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /^FAIL {2}Wrong signature {2,}200 {2}\d+ ms\n {6}Accepts forged deliveries: answered 200 to a signature made with another secret\.\n {6}fix: Verify X-InboundFlow-Signature/m,
    );
    expect(run.stdout).toMatch(/: 3 required check\(s\) failed\.$/m);
  });

  it('prints only the scorecard on stdout with --json, valid against the schema', async () => {
    const run = await check(forged.url, '--secret', SECRET, '--json');
    expect(run.code).toBe(1);
    const card = Scorecard.parse(JSON.parse(run.stdout));
    expect(card.checks.map((c) => [c.id, c.verdict])).toEqual([
      ['https', 'info'],
      ['event.call.completed', 'pass'],
      ['event.call.transferred', 'pass'],
      ['event.appointment.booked', 'pass'],
      ['event.lead.created', 'pass'],
      ['redelivery', 'pass'],
      ['forged.wrong_signature', 'fail'],
      ['forged.missing_signature', 'fail'],
      ['forged.body_changed', 'fail'],
      ['reserialized_body', 'info'],
    ]);
    expect(Object.keys(card)).toEqual([
      'url',
      'secret_given',
      'integration_id',
      'started_at',
      'duration_ms',
      'plan',
      'disable_after',
      'ok',
      'counts',
      'checks',
    ]);
    expect(run.stderr).toMatch(/^Checking /);
  });

  it('refuses bad input in one line with exit 2', async () => {
    const notUrl = await check('localhost:3000/hooks');
    expect(notUrl.code).toBe(2);
    expect(notUrl.stderr).toBe(
      'hookbench: "localhost:3000/hooks" is not an https:// or http:// URL; give the handler\'s full URL, e.g. https://example.com/webhooks\n',
    );
    expect((await check('ftp://example.com/hooks')).code).toBe(2);
    expect((await check(good.url, '--secret', '')).code).toBe(2);
  });

  it('exits 2 with one line when no engine answers', async () => {
    const run = await runCommand(registerCheckCommand, ['check', good.url, '--api', 'http://127.0.0.1:1/api', '--data-dir', t.dataDir]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^hookbench: No Hookbench engine answers at http:\/\/127\.0\.0\.1:1\/api .*\n$/);
  });

  it('plans as many deliveries as the engine sends', () => {
    expect(checkProbes('s')).toHaveLength(plannedDeliveries(true));
    expect(checkProbes(null)).toHaveLength(plannedDeliveries(false));
  });
});
