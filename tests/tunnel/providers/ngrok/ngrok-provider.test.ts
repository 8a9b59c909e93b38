import { afterEach, describe, expect, it } from 'vitest';
import { isFailed, isOnline, isReconnecting, isScheduledRetry, ngrokUnderTest, startIngress } from './ngrok-harness.js';
import { STAND_IN_AUTHTOKEN, startNgrokServer, type NgrokServerOptions } from './support/ngrok-server.js';

/**
 * The real ngrok SDK against a loopback stand-in that speaks ngrok's agent protocol (see
 * support/ngrok-server.ts). This is not ngrok.com: it shows the provider's states and the SDK's
 * behaviour on the wire it was written for, not that the real service accepts Hookbench.
 */
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setUp(settings: Parameters<typeof ngrokUnderTest>[1], serverOptions?: NgrokServerOptions) {
  const ngrok = await startNgrokServer(serverOptions);
  cleanups.push(() => ngrok.stop());
  const ingress = await startIngress();
  cleanups.push(() => ingress.close());
  const harness = ngrokUnderTest(ingress.url, {
    authtoken: STAND_IN_AUTHTOKEN,
    serverAddr: ngrok.serverAddr,
    serverCa: ngrok.caPem,
    heartbeatSeconds: 1,
    ...settings,
  });
  cleanups.push(() => harness.provider.stop(0));
  return { ngrok, ingress, ...harness };
}

describe('ngrok provider against a stand-in ngrok service', () => {
  it('goes online with the endpoint URL and forwards a public request to the ingress and its answer back', async () => {
    const { provider, nextReport, ingress, ngrok, reports } = await setUp({});

    await provider.start();
    const online = await nextReport(isOnline);
    const response = await fetch(`${online.url}/i/orders/hook?b=2&a=1`, {
      method: 'POST',
      body: '{"id":1}',
      headers: { 'X-Signature': 't=1,v1=abc' },
    });

    expect(reports[0]).toEqual({ state: 'starting' });
    expect(online).toEqual({ state: 'online', url: ngrok.endpoints()[0].url, urlStable: false });
    expect(await response.text()).toBe('stored /i/orders/hook?b=2&a=1');
    expect(ingress.requests).toHaveLength(1);
    expect(ingress.requests[0]).toMatchObject({ method: 'POST', url: '/i/orders/hook?b=2&a=1', body: '{"id":1}' });
    expect(ingress.requests[0].headers['x-signature']).toBe('t=1,v1=abc');
    expect(ingress.requests[0].headers['x-forwarded-for']).toBe('127.0.0.1');
  });

  it('binds the domain it is given and calls that URL stable', async () => {
    const { provider, nextReport, ngrok } = await setUp({ domain: 'hooks.ngrok-free.app' }, { domains: ['hooks.ngrok-free.app'] });

    await provider.start();
    const online = await nextReport(isOnline);

    expect(ngrok.endpoints()).toMatchObject([{ domain: 'hooks.ngrok-free.app' }]);
    expect(online).toMatchObject({ url: ngrok.endpoints()[0].url, urlStable: true });
  });

  it('fails on a bad authtoken with the mapped reason, after one try', async () => {
    const { provider, nextReport, ngrok, reports } = await setUp({ authtoken: 'bad' });

    await provider.start();
    const failed = await nextReport(isFailed);
    await provider.stop(0);

    expect(failed.error).toMatchObject({ code: 'ngrok_authtoken_invalid' });
    expect(failed.error.fix).toContain('https://dashboard.ngrok.com/get-started/your-authtoken');
    expect(JSON.stringify(failed)).not.toContain('"bad"');
    expect(ngrok.auths).toEqual(['bad']);
    expect(reports.filter(isReconnecting)).toEqual([]);
  });

  it('fails when ngrok wants an account and an authtoken (ERR_NGROK_4018)', async () => {
    const signup =
      'Usage of ngrok requires a verified account and authtoken.\n' +
      'Sign up for an account: https://dashboard.ngrok.com/signup\n' +
      'Install your authtoken: https://dashboard.ngrok.com/get-started/your-authtoken\n\nERR_NGROK_4018\n';
    const { provider, nextReport } = await setUp({}, { authError: () => signup });

    await provider.start();

    expect((await nextReport(isFailed)).error).toMatchObject({ code: 'ngrok_authtoken_required' });
  });

  it('fails on a domain the account has not reserved, naming it', async () => {
    const { provider, nextReport } = await setUp({ domain: 'not-mine.ngrok-free.app' });

    await provider.start();
    const failed = await nextReport(isFailed);

    expect(failed.error).toMatchObject({ code: 'ngrok_domain_not_reserved' });
    expect(failed.error.message).toContain('not-mine.ngrok-free.app');
  });

  it('shows a dropped session as reconnecting while the SDK reconnects, then online again at the same URL', async () => {
    const { provider, nextReport, ngrok, reports } = await setUp({});
    await provider.start();
    const online = await nextReport(isOnline);
    const before = reports.length;

    ngrok.dropSessions();
    const reconnecting = await nextReport(isReconnecting, before);
    const back = await nextReport(isOnline, before);
    const response = await fetch(`${back.url}/i/again`);

    expect(reconnecting).toMatchObject({ attempt: 1, nextAttemptAt: null, error: { code: 'ngrok_connection_lost' } });
    expect(back.url).toBe(online.url);
    expect(await response.text()).toBe('stored /i/again');
  });

  it('takes over with its own backoff when the SDK cannot reconnect, and comes back when ngrok does', async () => {
    const { provider, nextReport, ngrok, reports } = await setUp({ domain: 'hooks.ngrok-free.app' }, { domains: ['hooks.ngrok-free.app'] });
    await provider.start();
    const online = await nextReport(isOnline);
    const before = reports.length;

    await ngrok.pause();
    const sdkTries = await nextReport(
      (r): r is Extract<typeof r, { state: 'reconnecting' }> => isReconnecting(r) && r.attempt === 3,
      before,
    );
    const ownRetry = await nextReport(isScheduledRetry, before, 20_000);
    await ngrok.resume();
    const back = await nextReport(isOnline, before, 20_000);

    expect(sdkTries.nextAttemptAt).toBeNull();
    expect(ownRetry.attempt).toBeGreaterThan(3);
    expect(ownRetry.error.code).toMatch(/^ngrok_(connection_lost|connection_refused)$/);
    expect(back).toEqual({ state: 'online', url: online.url, urlStable: true });
  });

  it('closes its endpoint on stop: the public URL is then offline', async () => {
    const { provider, nextReport, ngrok } = await setUp({});
    await provider.start();
    const online = await nextReport(isOnline);

    await provider.stop(1000);
    const response = await fetch(`${online.url}/i/late`);

    expect(ngrok.endpoints()[0].online()).toBe(false);
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('ERR_NGROK_3200');
  });
});
