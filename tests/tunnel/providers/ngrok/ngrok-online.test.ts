import { afterEach, describe, expect, it } from 'vitest';
import { isOnline, ngrokUnderTest, startIngress } from './ngrok-harness.js';

/**
 * Against the real ngrok service: runs only with NGROK_AUTHTOKEN set (and NGROK_DOMAIN for the
 * static-domain case), since the test machines have no internet. Everything else about ngrok is
 * tested against local stand-ins.
 */
const AUTHTOKEN = process.env.NGROK_AUTHTOKEN ?? '';
const DOMAIN = process.env.NGROK_DOMAIN ?? '';
if (!AUTHTOKEN) console.warn('ngrok online tests skipped: NGROK_AUTHTOKEN is not set (they need internet access and an ngrok account).');
else if (!DOMAIN) console.warn('ngrok static-domain test skipped: NGROK_DOMAIN is not set.');

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function throughNgrok(domain: string | null) {
  const ingress = await startIngress();
  cleanups.push(() => ingress.close());
  const harness = ngrokUnderTest(ingress.url, { authtoken: AUTHTOKEN, domain, retry: undefined });
  cleanups.push(() => harness.provider.stop(2000));
  await harness.provider.start();
  const online = await harness.nextReport(isOnline, 0, 30_000);
  // ngrok shows free-plan visitors a warning page unless this header is sent.
  const response = await fetch(`${online.url}/i/ngrok-online?check=1`, {
    method: 'POST',
    body: 'through ngrok',
    headers: { 'ngrok-skip-browser-warning': '1' },
  });
  return { online, response, ingress };
}

describe('ngrok provider against ngrok.com', () => {
  it.skipIf(!AUTHTOKEN)(
    'goes online at an https URL and a request through it reaches the loopback ingress',
    async () => {
      const { online, response, ingress } = await throughNgrok(null);

      expect(online.url).toMatch(/^https:\/\//);
      expect(online.urlStable).toBe(false);
      expect(await response.text()).toBe('stored /i/ngrok-online?check=1');
      expect(ingress.requests).toMatchObject([{ method: 'POST', url: '/i/ngrok-online?check=1', body: 'through ngrok' }]);
      expect(ingress.requests[0].headers['x-forwarded-for']).toBeTruthy();
    },
    60_000,
  );

  it.skipIf(!AUTHTOKEN || !DOMAIN)(
    'binds the static domain and calls it stable',
    async () => {
      const { online, response } = await throughNgrok(DOMAIN);

      expect(online).toMatchObject({ url: `https://${DOMAIN}`, urlStable: true });
      expect(response.status).toBe(200);
    },
    60_000,
  );
});
