import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createHmac } from 'node:crypto';
import { createInterface } from 'node:readline';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import type { Inbox } from '../../shared/api/inboxes.js';
import { BUILT_IN_SCHEMES } from '../../shared/signatures/registry.js';
import type { SchemeName, SignInput } from '../../shared/signatures/scheme.js';
import { apiCall, apiPost } from './support/api.js';
import { screenshot } from './support/browser.js';
import type { RunningEngine } from './support/engine.js';
import { sendRawWebhook } from './support/raw-webhook.js';
import { useE2eSession } from './support/session.js';
import { deliveryRow, openDelivery, waitForRows } from './support/ui.js';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const BODY = JSON.stringify({ id: 'evt_1', type: 'order.paid', data: { amount: 4200 } });
const PATH = '/i/senders/hook';
const SCHEMES = ['standard-webhooks', 'stripe', 'github', 'shopify', 'slack', 'twilio'] as const;
const LABELS: Record<(typeof SCHEMES)[number], string> = {
  'standard-webhooks': 'Standard Webhooks',
  stripe: 'Stripe',
  github: 'GitHub',
  shopify: 'Shopify',
  slack: 'Slack',
  twilio: 'Twilio',
};

/** A delivery signed by `scheme` as its sender signs one (Twilio over the URL it calls), sent to the engine; its id. */
async function sendSigned(
  engine: RunningEngine,
  scheme: Exclude<SchemeName, 'custom'>,
  overrides: Partial<SignInput> = {},
  extraHeaders: [string, string][] = [],
): Promise<string> {
  const signed = BUILT_IN_SCHEMES[scheme].sign({
    secret: SECRET,
    rawBody: BODY,
    timestamp: Math.floor(Date.now() / 1000),
    id: 'msg_e2e_1',
    url: engine.receiverHttp + PATH,
    contentType: 'application/json',
    ...overrides,
  });
  if (!signed.ok) throw new Error(signed.reason);
  // Sent to PATH whatever URL was signed, so a test can sign a URL other than the one the request goes to.
  const path = signed.url ? PATH + new URL(signed.url).search : PATH;
  const sent = await sendRawWebhook(engine.receiverHttp, {
    path,
    headers: [['Content-Type', 'application/json'], ...extraHeaders, ...signed.headers],
    body: BODY,
  });
  expect(sent.status).toBe(200);
  return sent.json.id!;
}

async function setUp(engine: RunningEngine): Promise<void> {
  await apiPost<Inbox>(engine, '/api/inboxes', { name: 'Senders', slug: 'senders' });
  expect((await apiCall(engine, 'PATCH', '/api/inboxes/senders/signature', { secret: SECRET })).status).toBe(200);
}

async function openSignatureTab(page: Page, id: string) {
  await openDelivery(page, id);
  await page.getByRole('tab', { name: /^Signature/ }).click();
  const tab = page.locator(`[data-testid="delivery-detail"][data-delivery-id="${id}"] [data-testid="signature-tab"]`);
  await tab.waitFor();
  return tab;
}

describe('signature schemes in the UI', () => {
  const e2e = useE2eSession();

  it('shows each scheme on its badge, explains a deliberate mistake, filters by scheme and verdict, and sets a custom scheme', async () => {
    const engine = await e2e.start();
    await setUp(engine);
    const valid = new Map<string, string>();
    for (const scheme of SCHEMES) valid.set(scheme, await sendSigned(engine, scheme));
    // Deliberate mistakes: a whsec_ secret used as text for Standard Webhooks, a Stripe event ten minutes old,
    // a GitHub signature with another secret, and Twilio signed for the URL with a trailing slash.
    const rawSecret = await sendWithRawWhsec(engine);
    const stale = await sendSigned(engine, 'stripe', { timestamp: Math.floor(Date.now() / 1000) - 600 });
    const wrongSecret = await sendSigned(engine, 'github', { secret: 'not-the-secret' });
    const slash = await sendSigned(engine, 'twilio', { url: `${engine.receiverHttp}${PATH}/` });

    const { page } = await e2e.openSignedIn();
    const ids = [slash, wrongSecret, stale, rawSecret, ...[...valid.values()].reverse()];
    await waitForRows(page, ids);

    for (const scheme of SCHEMES) {
      const badge = deliveryRow(page, valid.get(scheme)!).getByTestId('signature-badge');
      expect(await badge.getAttribute('data-scheme')).toBe(scheme);
      expect(await badge.getAttribute('data-verdict')).toBe('valid');
      expect(await badge.textContent()).toBe(`${LABELS[scheme]}valid`);
    }
    for (const [id, scheme] of [
      [stale, 'stripe'],
      [wrongSecret, 'github'],
      [rawSecret, 'standard-webhooks'],
      [slash, 'twilio'],
    ] as const) {
      const badge = deliveryRow(page, id).getByTestId('signature-badge');
      expect([await badge.getAttribute('data-scheme'), await badge.getAttribute('data-verdict')]).toEqual([scheme, 'invalid']);
    }

    // The stale Stripe event: how old it is, the signed string, and the fix.
    let tab = await openSignatureTab(page, stale);
    expect(await tab.getAttribute('data-scheme')).toBe('stripe');
    expect(await tab.getAttribute('data-cause')).toBe('timestamp_too_old');
    expect(await tab.getByTestId('signature-reason').textContent()).toMatch(/10 min.* old; the tolerance is 300 s/);
    expect(await tab.getByTestId('signature-fix').textContent()).toMatch(/^FixRe-send the event/);
    expect(await tab.getByTestId('signed-string').textContent()).toMatch(/^\d{10}\.\{"id":"evt_1"/);
    expect(await tab.getByTestId('verify-snippet').textContent()).toContain('constructEvent');
    await screenshot(page, 'sig-scheme-stripe-too-old');

    // The whsec_ secret used as text: named as such, with expected against received and the first difference marked.
    tab = await openSignatureTab(page, rawSecret);
    expect(await tab.getAttribute('data-cause')).toBe('secret_not_base64_decoded');
    expect(await tab.getByTestId('signature-cause').textContent()).toBe('Secret used raw, not base64-decoded');
    const differsAt = Number(await tab.getByTestId('signature-received').getAttribute('data-differs-at'));
    expect(await tab.getByTestId('signature-received').locator('mark').count()).toBe(1);
    expect(differsAt).toBeGreaterThanOrEqual(3);
    await screenshot(page, 'sig-scheme-standard-webhooks-raw-secret');

    // Twilio: the URL checked is shown, and the diagnosis names the trailing slash.
    tab = await openSignatureTab(page, slash);
    expect(await tab.getAttribute('data-cause')).toBe('twilio_url_trailing_slash');
    expect(await tab.getByTestId('signed-url').textContent()).toContain(`${engine.receiverHttp}${PATH}?bodySHA256=`);

    tab = await openSignatureTab(page, wrongSecret);
    expect(await tab.getAttribute('data-cause')).toBe('signature_mismatch');
    await screenshot(page, 'sig-scheme-github-wrong-secret');

    // The list filters on scheme and verdict together, from the search box.
    await page.getByLabel('Search deliveries').fill('scheme:stripe signature:invalid');
    await waitForRows(page, [stale]);
    await page.getByLabel('Search deliveries').fill('scheme:twilio');
    await waitForRows(page, [slash, valid.get('twilio')!]);
    await page.getByLabel('Search deliveries').fill('');
    await waitForRows(page, ids);

    // The inbox settings: a custom scheme and a secret, saved with the form; deliveries are then checked with it.
    await page.getByRole('tab', { name: /Inboxes/ }).click();
    const card = page.locator('[data-testid="inbox-card"][data-inbox-slug="senders"]');
    const settings = card.getByTestId('inbox-signature-settings');
    expect(await settings.getByTestId('signature-settings-summary').getAttribute('data-scheme')).toBe('auto');
    expect(await settings.getByTestId('signature-secret-current').textContent()).toContain(`whsec_••••••••${SECRET.slice(-4)}`);
    await settings.getByRole('button', { name: 'Edit signatures' }).click();
    await settings.getByTestId('signature-scheme-select').selectOption('custom');
    await settings.getByLabel('Signature header').fill('X-Acme-Signature');
    await settings.getByLabel('Prefix').fill('sha256=');
    await settings.getByLabel('Signed string').fill('{timestamp}.{body}');
    await settings.getByLabel('Timestamp header').fill('X-Acme-Timestamp');
    await settings.getByTestId('signature-new-secret').fill('acme-secret');
    await screenshot(page, 'sig-scheme-inbox-settings-custom');
    await settings.getByRole('button', { name: 'Save' }).click();
    await settings.locator('[data-testid="signature-settings-summary"][data-scheme="custom"]').waitFor();
    expect(await settings.getByTestId('signature-secret-previous').count()).toBe(1);
    await screenshot(page, 'sig-scheme-inbox-settings-saved');

    const acme = await sendCustom(engine, 'acme-secret');
    await card.getByRole('button', { name: 'Show deliveries' }).click();
    await waitForRowsIncluding(page, acme);
    const badge = deliveryRow(page, acme).getByTestId('signature-badge');
    expect([await badge.getAttribute('data-scheme'), await badge.getAttribute('data-verdict')]).toEqual(['custom', 'valid']);
  });

  it("runs each scheme's Node.js snippet, copied from the Signature tab, against the stored delivery replayed to it", async () => {
    const engine = await e2e.start();
    await setUp(engine);
    const ids = new Map<string, string>();
    for (const scheme of SCHEMES) ids.set(scheme, await sendSigned(engine, scheme));
    const { page } = await e2e.openSignedIn();
    await waitForRows(page, [...ids.values()].reverse());

    for (const scheme of SCHEMES) {
      const tab = await openSignatureTab(page, ids.get(scheme)!);
      const code = await tab.locator('[data-testid="verify-snippet"][data-language="node"]').textContent();
      const snippet = await runSnippet(scheme, code!, engine);
      try {
        // The stored delivery, sent exactly as it was received (same path, headers and bytes), to the snippet's server.
        const replay = await apiCall<{ status: number }>(engine, 'POST', `/api/deliveries/${ids.get(scheme)}/replay`, {
          target: `${snippet.origin}/i/senders`,
          mode: 'exact',
        });
        expect(replay.status).toBe(200);
        expect(await snippet.verdict()).toBe('valid');
        expect(replay.json.status).toBe(200);
      } finally {
        snippet.child.kill();
      }
    }
  });
});

/** Standard Webhooks signed with the whsec_ text as the key instead of its base64-decoded bytes. */
function sendWithRawWhsec(engine: RunningEngine): Promise<string> {
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = createHmac('sha256', SECRET).update(`msg_e2e_2.${timestamp}.${BODY}`).digest('base64');
  return idOf(
    sendRawWebhook(engine.receiverHttp, {
      path: PATH,
      headers: [
        ['Content-Type', 'application/json'],
        ['webhook-id', 'msg_e2e_2'],
        ['webhook-timestamp', String(timestamp)],
        ['webhook-signature', `v1,${signature}`],
      ],
      body: BODY,
    }),
  );
}

async function idOf(sent: ReturnType<typeof sendRawWebhook>): Promise<string> {
  return (await sent).json.id!;
}

function sendCustom(engine: RunningEngine, secret: string): Promise<string> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  return idOf(
    sendRawWebhook(engine.receiverHttp, {
      path: PATH,
      headers: [
        ['Content-Type', 'application/json'],
        ['X-Acme-Timestamp', timestamp],
        ['X-Acme-Signature', `sha256=${createHmac('sha256', secret).update(`${timestamp}.${BODY}`).digest('hex')}`],
      ],
      body: BODY,
    }),
  );
}

async function waitForRowsIncluding(page: Page, id: string): Promise<void> {
  await deliveryRow(page, id).waitFor();
}

const REPO = resolve(import.meta.dirname, '../..');
const DIR = mkdtempSync(join(tmpdir(), 'hookbench-e2e-snippets-'));
symlinkSync(join(REPO, 'node_modules'), join(DIR, 'node_modules'), 'dir');
afterAll(() => rmSync(DIR, { recursive: true, force: true }));

/** Saves the snippet as a user would and runs it with node, the secret and public URL in the variables it names. */
async function runSnippet(
  name: string,
  code: string,
  engine: RunningEngine,
): Promise<{ origin: string; verdict: () => Promise<string>; child: ChildProcess }> {
  const file = join(DIR, `${name}.mjs`);
  writeFileSync(file, code);
  const names = [...code.matchAll(/requireEnv\('([A-Z0-9_]+)'\)/g)].map((match) => match[1]);
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', PORT: '0' };
  for (const variable of names) env[variable] = variable === 'PUBLIC_BASE_URL' ? engine.receiverHttp : SECRET;
  const child = spawn(process.execPath, [file], { cwd: DIR, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = createInterface({ input: child.stdout });
  const pending: string[] = [];
  const waiters: Array<(line: string) => void> = [];
  lines.on('line', (line) => {
    const waiter = waiters.shift();
    if (waiter) waiter(line);
    else pending.push(line);
  });
  const nextLine = () =>
    new Promise<string>((resolveLine, reject) => {
      const line = pending.shift();
      if (line !== undefined) return resolveLine(line);
      waiters.push(resolveLine);
      child.once('exit', (status) => reject(new Error(`${name} snippet exited ${status}: ${stderr}`)));
    });
  let listening = await nextLine();
  while (!listening.startsWith('listening on ')) listening = await nextLine();
  const port = /:(\d+)$/.exec(listening)![1];
  return {
    origin: `http://127.0.0.1:${port}`,
    verdict: async () => {
      let line = await nextLine();
      while (!/^(valid$|invalid)/.test(line)) line = await nextLine();
      return line;
    },
    child,
  };
}
