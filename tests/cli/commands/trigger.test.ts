import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerTriggerCommand } from '../../../electron/cli/commands/trigger.js';
import { verify } from '../../../shared/inboundflow/signature.js';
import { runCli } from '../../support/serve-process.js';
import { tempDir } from '../../support/temp-dir.js';
import { startTestEngine, type TestEngine } from '../../support/test-engine.js';
import { startSink, statusSink, type Sink } from '../../engine/dispatch/support/sinks.js';
import { runCommand } from './run-command.js';

const trigger = (args: string[]) => runCommand(registerTriggerCommand, ['trigger', ...args]);
const header = (pairs: [string, string][], name: string) => pairs.find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1];

let ok: Sink;
let failing: Sink;
const files = tempDir('hookbench-trigger-');
beforeAll(async () => {
  ok = await startSink();
  failing = await statusSink(500);
});
afterAll(async () => {
  await ok.close();
  await failing.close();
  files.remove();
});

describe('hookbench trigger --to', () => {
  it('sends one signed delivery and exits 0 on a 2xx, printing status, time and delivery id', async () => {
    const run = await trigger([
      'call.completed',
      '--to',
      `${ok.url}/t1`,
      '--insecure-http',
      '--secret',
      's3cret',
      '--data-dir',
      files.path,
    ]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(new RegExp(`^call\\.completed → ${ok.url}/t1\\n`));
    expect(run.stdout).toMatch(/delivered\s+200 in \d+ ms/);
    const deliveryId = /delivery id\s+([0-9a-f-]{36})/.exec(run.stdout)![1];
    const request = ok.requests.find((r) => r.path === '/t1')!;
    expect(header(request.rawHeaders, 'X-InboundFlow-Delivery-Id')).toBe(deliveryId);
    expect(header(request.rawHeaders, 'User-Agent')).toBe('InboundFlow-Webhook/1.0');
    const signature = header(request.rawHeaders, 'X-InboundFlow-Signature')!;
    expect(
      verify({ secret: 's3cret', timestamp: header(request.rawHeaders, 'X-InboundFlow-Timestamp')!, signature, rawBody: request.body }),
    ).toEqual({ ok: true });
  });

  it('exits 1 on a failed delivery and names the failure class', async () => {
    const run = await trigger(['lead.created', '--to', `${failing.url}/t2`, '--insecure-http', '--data-dir', files.path]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/failed\s+http_500 after \d+ ms/);
    const refused = await trigger(['lead.created', '--to', 'http://127.0.0.1:9/', '--insecure-http', '--data-dir', files.path]);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/failed\s+refused/);
  });

  it('sends the data from --data-file, and refuses data that does not match the event with the path', async () => {
    const good = join(files.path, 'lead.json');
    const data = { call_id: 'c-1', caller_phone: '+14155550111', caller_name: 'Ana', call_summary: 'Wants a quote.' };
    writeFileSync(good, JSON.stringify(data));
    const run = await trigger(['lead.created', '--to', `${ok.url}/t3`, '--insecure-http', '--data-file', good, '--data-dir', files.path]);
    expect(run.code).toBe(0);
    expect(JSON.parse(ok.requests.find((r) => r.path === '/t3')!.body.toString()).data).toEqual(data);

    const bad = join(files.path, 'bad.json');
    writeFileSync(bad, JSON.stringify({ ...data, caller_phone: '555 0111' }));
    const refused = await trigger(['lead.created', '--to', `${ok.url}/t3`, '--insecure-http', '--data-file', bad]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^hookbench: --data-file .*bad\.json: data\.caller_phone: must be an E\.164/);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('exits 2 with one line on bad input', async () => {
    const http = await trigger(['call.completed', '--to', 'http://example.com/hook']);
    expect(http.code).toBe(2);
    expect(http.stderr).toBe(
      'hookbench: URL must use https:// — InboundFlow only delivers to HTTPS endpoints (pass --insecure-http to send over plain HTTP anyway)\n',
    );
    const event = await trigger(['call.started', '--to', 'https://example.com/']);
    expect(event.code).toBe(2);
    expect(event.stderr).toMatch(/^hookbench: unknown event "call\.started"; known events: call\.completed/);
    const timeout = await trigger(['call.completed', '--to', 'https://example.com/', '--timeout', 'soon']);
    expect(timeout.code).toBe(2);
    const missing = await trigger(['call.completed', '--to', 'https://example.com/', '--data-file', join(files.path, 'nope.json')]);
    expect(missing).toMatchObject({ code: 2, stderr: expect.stringMatching(/cannot read --data-file .*ENOENT/) });
  });

  it('prints JSON with --json', async () => {
    const run = await trigger(['appointment.booked', '--to', `${ok.url}/t4`, '--insecure-http', '--json', '--data-dir', files.path]);
    const result = JSON.parse(run.stdout);
    expect(result).toMatchObject({
      event: 'appointment.booked',
      outcome: 'succeeded',
      status: 200,
      error_class: null,
      response_body: '{"ok":true}',
    });
    expect(result.request_headers.map(([name]: [string]) => name)).toContain('X-InboundFlow-Timestamp');
  });
});

describe('hookbench trigger with a Hookbench engine', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await startTestEngine({ allowHttpLocalhost: true });
  });
  afterAll(() => t.stop());

  it("trusts the data dir's local CA for --to its own HTTPS receiver", async () => {
    const run = await trigger(['call.completed', '--to', `${t.info.httpsUrl}/from-cli`, '--data-dir', t.dataDir]);
    expect(run.code).toBe(0);
    const untrusted = await trigger(['call.completed', '--to', `${t.info.httpsUrl}/from-cli`, '--data-dir', files.path]);
    expect(untrusted.code).toBe(1);
    expect(untrusted.stdout).toMatch(/failed\s+tls/);
  });

  it('without --to, fires through the running engine to its subscribed integrations', async () => {
    const integration = await t.apiJson('/api/integrations', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ kind: 'custom', name: 'cli', url: `${ok.url}/via-engine`, events: ['call.transferred'] }),
    });
    // No --api: the engine is found through the runtime file in its data dir.
    const run = await trigger(['call.transferred', '--data-dir', t.dataDir]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`${integration.id}\\s+delivered 200`));
    expect(ok.requests.filter((r) => r.path === '/via-engine')).toHaveLength(1);
  });

  it('without --to and without an engine, exits 1 and says how to start one', async () => {
    const run = await trigger(['call.completed', '--data-dir', t.dataDir, '--api', 'http://127.0.0.1:9/api']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^hookbench: No Hookbench engine answers at http:\/\/127\.0\.0\.1:9\/api .*hookbench serve/);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('without --to, checks --data-file before calling the engine', async () => {
    const bad = join(files.path, 'bad-engine.json');
    writeFileSync(bad, JSON.stringify({ call_id: 'c', caller_phone: 'nope', summary: 's' }));
    const run = await trigger(['call.completed', '--data-dir', t.dataDir, '--api', t.info.apiUrl, '--data-file', bad]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^hookbench: --data-file .*data\.caller_phone/);
  });
});

describe('hookbench trigger as a process', () => {
  it('exits 0 on a 2xx and 1 on a failure', async () => {
    // Spawns bin/hookbench.js: run `npm run build` first.
    const good = await runCli(['trigger', 'call.completed', '--to', `${ok.url}/proc`, '--insecure-http']);
    expect(good.code).toBe(0);
    const bad = await runCli(['trigger', 'call.completed', '--to', `${failing.url}/proc`, '--insecure-http']);
    expect(bad.code).toBe(1);
    const input = await runCli(['trigger', 'call.completed', '--to', 'ftp://example.com/']);
    expect(input.code).toBe(2);
    expect(input.stderr).toBe('hookbench: --to must be an https:// URL, got ftp:\n');
  });
});
