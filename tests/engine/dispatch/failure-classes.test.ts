import { once } from 'node:events';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeBody } from '../../../shared/api/body-codec.js';
import { ensureTlsMaterial } from '../../../electron/engine/tls/local-ca.js';
import type { TestEngine } from '../../support/test-engine.js';
import { tempDir } from '../../support/temp-dir.js';
import { createIntegration, fire, startDispatchEngine } from './support/engine-harness.js';
import { hangingSink, startSink, statusSink, type Sink } from './support/sinks.js';

const TIMEOUT_MS = 400;

let t: TestEngine;
const sinks: Sink[] = [];
const cleanups: Array<() => void> = [];
beforeAll(async () => {
  t = await startDispatchEngine({ dispatchTimeoutMs: TIMEOUT_MS });
});
afterAll(async () => {
  await t.stop();
  await Promise.all(sinks.map((s) => s.close()));
  cleanups.forEach((c) => c());
});

async function sink(started: Promise<Sink>): Promise<Sink> {
  const s = await started;
  sinks.push(s);
  return s;
}

/** Fires one event at `url` and returns the stored delivery with its attempts. */
async function deliverTo(url: string) {
  const integration = await createIntegration(t, { url });
  const fired = await fire(t, [integration.id]);
  return t.apiJson(`/api/deliveries/${fired.deliveries[0].id}`);
}

async function closedPort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('failure classes', () => {
  it('ends an attempt to a sink that never answers as timeout, at the configured timeout', async () => {
    const hanging = await sink(hangingSink());
    const record = await deliverTo(`${hanging.url}/hang`);
    expect(hanging.requests).toHaveLength(1);
    expect(record).toMatchObject({ dispatch_state: 'failed', error_class: 'timeout', response_status: null });
    const [attempt] = record.attempts;
    expect(attempt).toMatchObject({ outcome: 'failed', error_class: 'timeout', response: null });
    expect(attempt.error_message).toMatch(new RegExp(`${TIMEOUT_MS} ms`));
    expect(attempt.duration_ms).toBeGreaterThanOrEqual(TIMEOUT_MS - 5);
  });

  it.each([301, 302, 307, 308])('treats %i as a failure and never follows the redirect', async (status) => {
    const target = await sink(startSink());
    const redirecting = await sink(statusSink(status, `${target.url}/moved-here`));
    const record = await deliverTo(`${redirecting.url}/old`);
    expect(record).toMatchObject({ dispatch_state: 'failed', error_class: `http_${status}`, response_status: status });
    expect(record.attempts[0].response.headers).toContainEqual(['Location', `${target.url}/moved-here`]);
    expect(record.attempts[0].error_message).toMatch(/redirects are not followed/);
    expect(redirecting.requests).toHaveLength(1);
    expect(target.requests).toHaveLength(0);
  });

  it('classifies a closed port as refused', async () => {
    const record = await deliverTo(`http://127.0.0.1:${await closedPort()}/`);
    expect(record.attempts[0]).toMatchObject({ outcome: 'failed', error_class: 'refused', response: null });
  });

  it('classifies a connection dropped before the answer as reset', async () => {
    const dropping = await sink(startSink((_req, _res, raw) => raw.socket.destroy()));
    const record = await deliverTo(`${dropping.url}/drop`);
    expect(dropping.requests).toHaveLength(1);
    expect(record.attempts[0]).toMatchObject({ outcome: 'failed', error_class: 'reset' });
  });

  it('classifies a certificate from an untrusted CA as tls', async () => {
    const foreign = tempDir('hookbench-foreign-ca-');
    cleanups.push(foreign.remove);
    const material = await ensureTlsMaterial(foreign.path);
    const untrusted = await sink(startSink(undefined, { cert: material.serverCertPem, key: material.serverKeyPem }));
    const record = await deliverTo(`${untrusted.url}/tls`);
    expect(record.attempts[0]).toMatchObject({ outcome: 'failed', error_class: 'tls' });
    expect(untrusted.requests).toHaveLength(0);
  });

  it('classifies a host that does not resolve as dns', async () => {
    const record = await deliverTo('https://no-such-host.hookbench-test.invalid/hook');
    expect(record.attempts[0]).toMatchObject({ outcome: 'failed', error_class: 'dns' });
    expect(record.attempts[0].error_message).toMatch(/could not be resolved/);
  });

  it('classifies a 500 as http_500 and keeps the first 64 KiB of its body, marked as cut', async () => {
    const big = 'e'.repeat(100 * 1024);
    const failing = await sink(
      startSink((_req, res) => {
        res.writeHead(500, { 'Content-Type': 'text/plain' });
        res.end(big);
      }),
    );
    const record = await deliverTo(`${failing.url}/boom`);
    expect(record).toMatchObject({ dispatch_state: 'failed', error_class: 'http_500', response_status: 500 });
    const { response } = record.attempts[0];
    expect(response.status).toBe(500);
    expect(response.truncated).toBe(true);
    expect(decodeBody(response.body)).toEqual(Buffer.from(big.slice(0, 64 * 1024)));
  });

  it('counts any 2xx as success', async () => {
    const accepted = await sink(statusSink(202));
    const record = await deliverTo(`${accepted.url}/accepted`);
    expect(record).toMatchObject({ dispatch_state: 'delivered', error_class: null, response_status: 202 });
  });
});
