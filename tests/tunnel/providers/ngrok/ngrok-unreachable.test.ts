import { afterEach, describe, expect, it } from 'vitest';
import { closedPort, isFailed, isScheduledRetry, ngrokUnderTest, startIngress, startRudeServer } from './ngrok-harness.js';

/**
 * The real ngrok SDK pointed at local addresses where no ngrok answers: nothing here reaches
 * ngrok.com, so these cover the failure paths only.
 */
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setUp(settings: Parameters<typeof ngrokUnderTest>[1]) {
  const ingress = await startIngress();
  cleanups.push(() => ingress.close());
  const harness = ngrokUnderTest(ingress.url, settings);
  cleanups.push(() => harness.provider.stop(0));
  return harness;
}

const TOKEN = 'not-checked-by-anyone-here';

describe('ngrok provider when ngrok cannot be reached', () => {
  it('fails at once without an authtoken, and never dials', async () => {
    const rude = await startRudeServer('silent');
    cleanups.push(() => rude.close());
    const { provider, reports } = await setUp({ authtoken: '  ', serverAddr: rude.serverAddr });

    await provider.start();

    expect(reports.map((report) => report.state)).toEqual(['starting', 'failed']);
    const failed = reports[1];
    expect(failed).toMatchObject({ state: 'failed', error: { code: 'ngrok_authtoken_missing' } });
    expect(failed.state === 'failed' && failed.error.fix).toContain('https://dashboard.ngrok.com/get-started/your-authtoken');
    expect(rude.connections()).toBe(0);
  });

  it('reports a closed server address as refused and keeps trying with backoff, then stops cleanly', async () => {
    const port = await closedPort();
    const { provider, reports, nextReport } = await setUp({ authtoken: TOKEN, serverAddr: `127.0.0.1:${port}` });

    await provider.start();
    const first = await nextReport(isScheduledRetry);
    const second = await nextReport((r): r is typeof first => isScheduledRetry(r) && r.attempt === 2);
    await provider.stop(0);

    expect(first).toMatchObject({ attempt: 1, error: { code: 'ngrok_connection_refused' } });
    expect(first.error.message).toBe(`The ngrok service at 127.0.0.1:${port} refused the connection.`);
    expect(second.error.code).toBe('ngrok_connection_refused');
    expect(reports.some((report) => report.state === 'online')).toBe(false);
  });

  it('gives up on a server that accepts and never answers after the URL timeout, as url_timeout, and stops cleanly', async () => {
    const silent = await startRudeServer('silent');
    cleanups.push(() => silent.close());
    const { provider, nextReport, reports } = await setUp({ authtoken: TOKEN, serverAddr: silent.serverAddr, urlTimeoutMs: 300 });

    await provider.start();
    const timedOut = await nextReport(isScheduledRetry);
    await provider.stop(0);

    expect(timedOut).toMatchObject({ attempt: 1, error: { code: 'url_timeout', message: 'ngrok gave no public URL within 300 ms.' } });
    expect(silent.connections()).toBeGreaterThanOrEqual(1);
    expect(reports.some((report) => report.state === 'online' || report.state === 'failed')).toBe(false);
  });

  it('calls a server that answers garbage a failed TLS handshake, and keeps trying', async () => {
    const garbage = await startRudeServer('garbage');
    cleanups.push(() => garbage.close());
    const { provider, nextReport } = await setUp({ authtoken: TOKEN, serverAddr: garbage.serverAddr });

    await provider.start();
    const retry = await nextReport(isScheduledRetry);
    await provider.stop(0);

    expect(retry).toMatchObject({ attempt: 1, error: { code: 'ngrok_tls_failed' } });
    expect(retry.error.message).toContain(garbage.serverAddr);
  });

  it('stops for good on a server address the SDK refuses to parse', async () => {
    const { provider, nextReport } = await setUp({ authtoken: TOKEN, serverAddr: 'no port here' });

    await provider.start();

    const failed = await nextReport(isFailed);
    expect(failed.error.code).toBe('ngrok_server_addr_invalid');
  });
});
