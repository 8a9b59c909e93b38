import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot } from './support/browser.js';
import { sendRawWebhook, type RawWebhook } from './support/raw-webhook.js';
import { useE2eSession } from './support/session.js';
import { deliveryRow, openDelivery } from './support/ui.js';

/** Every payload tries to run script (setting window.__pwned or opening a dialog) or to load from another host. */
const ATTACKER = 'http://attacker.invalid';
const SCRIPT = `<script>window.__pwned='script';alert('script')</script>`;
const IMG = `<img src="${ATTACKER}/img.png" onerror="window.__pwned='img';alert('img')">`;
const LINK = `<a href="javascript:window.__pwned='link';alert('link')">click me</a>`;
const SVG = `<svg xmlns="http://www.w3.org/2000/svg" onload="window.__pwned='svg';alert('svg')"><script>window.__pwned='svg-script'</script><image href="${ATTACKER}/svg.png"/></svg>`;
const HTML_PAGE = `<!doctype html><html><head><meta http-equiv="refresh" content="0;url=${ATTACKER}/"><link rel="stylesheet" href="${ATTACKER}/x.css"></head><body>${SCRIPT}${IMG}${LINK}<iframe src="${ATTACKER}/frame"></iframe></body></html>`;

const HOSTILE: RawWebhook[] = [
  // Request lines cannot hold spaces, so the path uses the space-free forms attackers put in URLs.
  {
    path: `/i/default/<script>window.__pwned='path'</script>/<svg/onload=alert(1)>?q=<img/src=x/onerror=alert(1)>`,
    headers: [['Content-Type', 'text/plain']],
    body: 'path',
  },
  { path: `/javascript:alert(document.domain)//${ATTACKER.replace('http://', '')}`, headers: [], body: '' },
  {
    path: '/headers',
    headers: [
      ['Content-Type', 'text/html'],
      ['X-Evil-Img', IMG],
      ['X-Evil-Link', `javascript:window.__pwned='header';alert(1)`],
      ['X-Evil-Script', SCRIPT],
      ['Referer', `${ATTACKER}/referer`],
    ],
    body: HTML_PAGE,
  },
  { path: '/svg', headers: [['Content-Type', 'image/svg+xml']], body: SVG },
  {
    path: '/inboundflow',
    headers: [['Content-Type', 'application/json']],
    body: JSON.stringify({
      event: `call.completed${SCRIPT}`,
      delivery_id: IMG,
      data: {
        caller_name: IMG,
        caller_email: `${LINK}`,
        caller_phone: `javascript:alert(1)`,
        summary: `${SCRIPT}${SVG}`,
        recording_url: `javascript:window.__pwned='recording'`,
        transferred_to_label: LINK,
        appointment_time_start: SCRIPT,
        [`<img src=x onerror="window.__pwned='key'">`]: 1,
      },
    }),
  },
  {
    path: '/binary-html',
    headers: [['Content-Type', 'text/html']],
    body: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(HTML_PAGE)]),
  },
];

async function visitEveryView(page: Page): Promise<void> {
  for (const tab of ['Overview', 'Headers', 'Body', 'Response']) {
    await page.getByRole('tab', { name: new RegExp(`^${tab}`) }).click();
    if (tab !== 'Body') continue;
    for (const mode of ['JSON', 'Raw', 'Hex']) {
      const option = page.getByRole('radio', { name: mode });
      if (await option.count()) await option.click();
    }
  }
}

describe('hostile webhook content', () => {
  const e2e = useE2eSession();

  it('is shown as text: no script runs, no dialog opens, nothing loads from another host', async () => {
    const engine = await e2e.start();
    const watched = await e2e.openSignedIn({ clipboard: true });
    const { page } = watched;

    const ids: string[] = [];
    for (const request of HOSTILE) {
      const sent = await sendRawWebhook(engine.receiverHttp, request);
      expect(sent.status, request.path).toBe(200);
      ids.push(sent.json.id!);
    }
    for (const id of ids) await deliveryRow(page, id).waitFor();
    await screenshot(page, '09-hostile-list');

    for (const id of ids) {
      await openDelivery(page, id);
      await visitEveryView(page);
      await page.getByTestId('copy-curl').click();
    }

    // The hostile path is on screen as the literal characters that were sent.
    await openDelivery(page, ids[0]);
    expect(await page.getByTestId('detail-path').textContent()).toBe(HOSTILE[0].path);
    // The HTML body's raw view holds the exact markup, as text.
    await openDelivery(page, ids[2]);
    await page.getByRole('tab', { name: /^Body/ }).click();
    await page.getByRole('radio', { name: 'Raw' }).click();
    expect(await page.getByTestId('request-body').locator('pre').textContent()).toBe(HTML_PAGE);
    await page.getByRole('tab', { name: /^Headers/ }).click();
    expect(await page.getByTestId('request-headers').textContent()).toContain(IMG);
    // The InboundFlow card renders the attacker's strings as text, with no links.
    await openDelivery(page, ids[4]);
    await page.getByRole('tab', { name: /^Overview/ }).click();
    expect(await page.getByTestId('inboundflow-card').textContent()).toContain(IMG);
    await screenshot(page, '10-hostile-inboundflow');

    const dom = await page.evaluate(() => ({
      pwned: (window as unknown as { __pwned?: string }).__pwned ?? null,
      dangerous: [
        ...document.querySelectorAll(
          'img, iframe, object, embed, a[href], link[href^="http"], meta[http-equiv]:not([http-equiv="Content-Security-Policy"]), foreignObject, image',
        ),
      ]
        // The app's own lazily loaded chunks (Vite adds a preload or stylesheet link for each): same origin, under /assets/.
        .filter((el) => !(el instanceof HTMLLinkElement && el.href.startsWith(`${location.origin}/assets/`)))
        .map((el) => el.outerHTML.slice(0, 200)),
      scripts: [...document.scripts].map((s) => new URL(s.src).pathname.startsWith('/assets/')),
      handlers: [...document.querySelectorAll('*')].filter((el) => [...el.attributes].some((a) => a.name.startsWith('on'))).length,
    }));
    expect(dom).toEqual({ pwned: null, dangerous: [], scripts: [true], handlers: 0 });
    expect(watched.safety).toEqual({ dialogs: [], foreignRequests: [], pageErrors: [] });
  });
});
