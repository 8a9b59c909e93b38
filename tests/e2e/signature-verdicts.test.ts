import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Inbox } from '../../shared/api/inboxes.js';
import { DIAGNOSE_FIXES } from '../../shared/inboundflow/diagnose-causes.js';
import { CALL_COMPLETED_SAMPLE, LEAD_CREATED_SAMPLE } from '../../shared/inboundflow/samples.js';
import { sign } from '../../shared/inboundflow/signature.js';
import { apiGet, apiPost } from './support/api.js';
import { screenshot } from './support/browser.js';
import type { RunningEngine } from './support/engine.js';
import { sendRawWebhook, type RawWebhook } from './support/raw-webhook.js';
import { useE2eSession } from './support/session.js';
import { deliveryRow, openDelivery, openSignedIn, waitForRows } from './support/ui.js';

const SECRET = 'whsec_5f3c9a0d2e71b8';

interface Delivery {
  /** The Hookbench id. */
  id: string;
  body: string;
  timestamp: string;
  signature: string | null;
}

/**
 * One InboundFlow delivery with the documented headers, signed over `signedBody` (the body itself
 * unless a test wants the two to differ) with `secret`, or unsigned when the secret is null.
 */
async function sendInboundFlow(
  engine: RunningEngine,
  slug: string,
  envelope: object,
  options: { secret: string | null; pretty?: boolean; signReserialized?: boolean },
): Promise<Delivery> {
  const body = options.pretty ? JSON.stringify(envelope, null, 2) : JSON.stringify(envelope);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signedBody = options.signReserialized ? JSON.stringify(JSON.parse(body)) : body;
  const signature = options.secret === null ? null : sign(options.secret, timestamp, signedBody);
  const event = (envelope as { event: string }).event;
  const request: RawWebhook = {
    path: `/i/${slug}/webhooks/inboundflow`,
    headers: [
      ['Content-Type', 'application/json'],
      ['X-InboundFlow-Event', event],
      ['X-InboundFlow-Delivery-Id', `dlv-${Math.random().toString(36).slice(2, 10)}`],
      ['X-InboundFlow-Timestamp', timestamp],
      ['User-Agent', 'InboundFlow-Webhook/1.0'],
      ...(signature ? ([['X-InboundFlow-Signature', signature]] as [string, string][]) : []),
    ],
    body,
  };
  const sent = await sendRawWebhook(engine.receiverHttp, request);
  expect(sent.status).toBe(200);
  return { id: sent.json.id!, body, timestamp, signature };
}

async function openSignatureTab(page: Page, id: string): Promise<void> {
  await openDelivery(page, id);
  await page.getByRole('tab', { name: /^Signature/ }).click();
  await page.locator(`[data-testid="delivery-detail"][data-delivery-id="${id}"] [data-testid="signature-tab"]`).waitFor();
}

function badge(page: Page, id: string) {
  return deliveryRow(page, id).getByTestId('signature-badge');
}

describe('signature verdicts in the UI', () => {
  const e2e = useE2eSession();

  it('shows the verdict per row and in the Signature tab, with cause and fix, and filters the list by verdict and schema', async () => {
    const engine = await e2e.start();
    await apiPost<Inbox>(engine, '/api/inboxes', { name: 'InboundFlow', slug: 'inboundflow', secret: SECRET });
    const valid = await sendInboundFlow(engine, 'inboundflow', CALL_COMPLETED_SAMPLE, { secret: SECRET });
    const wrong = await sendInboundFlow(engine, 'inboundflow', LEAD_CREATED_SAMPLE, { secret: 'whsec_not_the_one' });
    const unsigned = await sendInboundFlow(engine, 'inboundflow', LEAD_CREATED_SAMPLE, { secret: null });
    const badPhone = { ...LEAD_CREATED_SAMPLE, data: { ...LEAD_CREATED_SAMPLE.data, caller_phone: 'call me' } };
    const offSchema = await sendInboundFlow(engine, 'inboundflow', badPhone, { secret: SECRET });
    const plain = (
      await sendRawWebhook(engine.receiverHttp, {
        path: '/i/inboundflow/other',
        headers: [['Content-Type', 'application/json']],
        body: '{"hello":"world"}',
      })
    ).json.id!;

    const watched = await e2e.openSignedIn();
    const { page } = watched;
    await waitForRows(page, [plain, offSchema.id, unsigned.id, wrong.id, valid.id]);

    // Each InboundFlow row says its verdict in words (and shape and colour); other rows say nothing.
    for (const [delivery, verdict, words] of [
      [valid, 'valid', 'valid'],
      [wrong, 'invalid', 'invalid'],
      [unsigned, 'unsigned', 'unsigned'],
      [offSchema, 'valid', 'valid'],
    ] as const) {
      expect(await badge(page, delivery.id).getAttribute('data-verdict')).toBe(verdict);
      expect(await badge(page, delivery.id).textContent()).toBe(words);
    }
    expect(await badge(page, plain).count()).toBe(0);

    // A valid delivery: the signed string, and the expected signature identical to the received one.
    await openSignatureTab(page, valid.id);
    const tab = page.getByTestId('signature-tab');
    expect(await tab.getAttribute('data-verdict')).toBe('valid');
    expect(await tab.getByTestId('signature-verdict').getByTestId('signature-badge').textContent()).toBe('Valid signature');
    expect(await tab.getByTestId('signature-fix').count()).toBe(0);
    expect(await tab.getByTestId('signed-string').textContent()).toBe(`${valid.timestamp}.${valid.body.slice(0, 120)}…`);
    expect(await tab.getByTestId('signed-string-length').textContent()).toBe(
      `${(valid.timestamp.length + 1 + valid.body.length).toLocaleString('en-US')} bytes`,
    );
    expect(await tab.getByTestId('signature-expected').textContent()).toBe(valid.signature);
    expect(await tab.getByTestId('signature-received').textContent()).toBe(valid.signature);
    expect(await tab.getByTestId('signature-compare-outcome').textContent()).toBe('Identical, all 71 characters.');
    expect(await tab.getByTestId('verify-snippet').textContent()).toContain('crypto.timingSafeEqual');

    // The wrong secret: invalid, the cause and the fix in words, the first differing character marked.
    await deliveryRow(page, wrong.id).click();
    await page.locator(`[data-testid="signature-tab"][data-verdict="invalid"]`).waitFor();
    expect(await tab.getByTestId('signature-cause').getAttribute('data-cause')).toBe('signature_mismatch');
    expect(await tab.getByTestId('signature-cause').textContent()).toBe('Signature does not match');
    expect(await tab.getByTestId('signature-reason').textContent()).toMatch(/does not match this secret/);
    expect(await tab.getByTestId('signature-fix').textContent()).toBe(`Fix${DIAGNOSE_FIXES.signature_mismatch}`);
    const differsAt = Number(await tab.getByTestId('signature-received').getAttribute('data-differs-at'));
    expect(differsAt).toBeGreaterThanOrEqual(7);
    expect(await tab.getByTestId('signature-received').locator('mark').textContent()).toBe(wrong.signature![differsAt]);
    expect(await tab.getByTestId('signature-compare-outcome').textContent()).toBe(`They differ from character ${differsAt + 1} on.`);

    // A delivery that is not InboundFlow has no Signature tab; the choice comes back on the next InboundFlow one.
    await deliveryRow(page, plain).click();
    await page.locator(`[data-testid="delivery-detail"][data-delivery-id="${plain}"]`).waitFor();
    expect(await page.getByRole('tab', { name: /^Signature/ }).count()).toBe(0);
    expect(await page.getByRole('tabpanel').getAttribute('data-tab')).toBe('overview');
    await deliveryRow(page, unsigned.id).click();
    await page.locator(`[data-testid="signature-tab"][data-verdict="unsigned"]`).waitFor();
    expect(await tab.getByTestId('signature-received').count()).toBe(0);
    expect(await tab.getByTestId('signature-fix').textContent()).toBe(`Fix${DIAGNOSE_FIXES.signature_missing}`);

    // The schema check in Overview: field path and message, or a plain "matches".
    await page.getByRole('tab', { name: 'Overview' }).click();
    await deliveryRow(page, offSchema.id).click();
    await page.locator('[data-testid="schema-check"][data-valid="false"]').waitFor();
    expect(await page.getByTestId('schema-error').first().getAttribute('data-path')).toBe('data.caller_phone');
    await screenshot(page, 'sig-schema-differences-light');
    await deliveryRow(page, valid.id).click();
    await page.locator('[data-testid="schema-check"][data-valid="true"]').waitFor();
    expect(await page.getByTestId('schema-check').textContent()).toContain('Matches the documented call.completed schema');

    // The filters go to the API and narrow the list.
    await page.getByLabel('Signature', { exact: true }).selectOption('valid');
    await waitForRows(page, [offSchema.id, valid.id]);
    await page.getByLabel('Signature', { exact: true }).selectOption('invalid');
    await waitForRows(page, [wrong.id]);
    await page.getByLabel('Signature', { exact: true }).selectOption('unsigned');
    await waitForRows(page, [unsigned.id]);
    await page.getByLabel('Signature', { exact: true }).selectOption('no_secret');
    await page.getByTestId('no-matches').waitFor();
    await page.getByLabel('Signature', { exact: true }).selectOption('');
    await page.getByLabel('Schema', { exact: true }).selectOption('invalid');
    await waitForRows(page, [offSchema.id]);
    await page.getByLabel('Schema', { exact: true }).selectOption('valid');
    await waitForRows(page, [unsigned.id, wrong.id, valid.id]);

    // A live arrival joins the filtered list only when its verdict matches.
    await page.getByLabel('Schema', { exact: true }).selectOption('');
    await page.getByLabel('Signature', { exact: true }).selectOption('invalid');
    await waitForRows(page, [wrong.id]);
    await sendInboundFlow(engine, 'inboundflow', CALL_COMPLETED_SAMPLE, { secret: SECRET });
    const wrongAgain = await sendInboundFlow(engine, 'inboundflow', CALL_COMPLETED_SAMPLE, { secret: 'whsec_not_the_one' });
    await waitForRows(page, [wrongAgain.id, wrong.id]);
    expect(watched.safety).toEqual({ dialogs: [], foreignRequests: [], pageErrors: [] });
  });

  it('lets a secret be tried on a delivery without storing it, then saves it so later deliveries are checked', async () => {
    const engine = await e2e.start();
    // The default inbox has no secret.
    const signed = await sendInboundFlow(engine, 'default', CALL_COMPLETED_SAMPLE, { secret: SECRET });
    const watched = await e2e.openSignedIn();
    const { page } = watched;
    await waitForRows(page, [signed.id]);
    expect(await badge(page, signed.id).textContent()).toBe('no secret');

    await openSignatureTab(page, signed.id);
    const panel = page.getByTestId('secret-panel');
    expect(await panel.getByRole('heading').textContent()).toBe('Set the signing secret to check signatures');
    const field = panel.getByLabel('Signing secret', { exact: true });
    const check = panel.getByRole('button', { name: 'Check against this delivery' });

    await field.fill('whsec_a_guess');
    await check.click();
    await panel.locator('[data-testid="secret-trial"][data-outcome="no_match"]').waitFor();
    await field.fill(` ${SECRET} `);
    await check.click();
    await panel.locator('[data-testid="secret-trial"][data-outcome="match_corrected"]').waitFor();
    await field.fill(SECRET);
    await check.click();
    await panel.locator('[data-testid="secret-trial"][data-outcome="match"]').waitFor();
    // Trying stored nothing.
    const inboxesBefore = await apiGet<{ items: Inbox[] }>(engine, '/api/inboxes');
    expect(inboxesBefore.items.find((inbox) => inbox.slug === 'default')!.secret).toBeNull();

    await panel.getByRole('button', { name: 'Save as inbox secret' }).click();
    expect(await panel.getByTestId('secret-saved').textContent()).toMatch(
      /Deliveries received from now on are checked with it\. This delivery keeps its verdict/,
    );
    const inboxesAfter = await apiGet<{ items: Inbox[] }>(engine, '/api/inboxes');
    expect(inboxesAfter.items.find((inbox) => inbox.slug === 'default')!.secret).toBe(SECRET);

    const next = await sendInboundFlow(engine, 'default', CALL_COMPLETED_SAMPLE, { secret: SECRET });
    await badge(page, next.id).waitFor();
    expect(await badge(page, next.id).getAttribute('data-verdict')).toBe('valid');
    expect(watched.safety).toEqual({ dialogs: [], foreignRequests: [], pageErrors: [] });
  });

  it('fixes a secret stored with a trailing line break in one click', async () => {
    const engine = await e2e.start();
    const inbox = await apiPost<Inbox>(engine, '/api/inboxes', { name: 'Pasted', slug: 'pasted', secret: `${SECRET}\n` });
    const sent = await sendInboundFlow(engine, 'pasted', LEAD_CREATED_SAMPLE, { secret: SECRET });
    const watched = await e2e.openSignedIn();
    const { page } = watched;
    await waitForRows(page, [sent.id]);
    await openSignatureTab(page, sent.id);
    expect(await page.getByTestId('signature-cause').getAttribute('data-cause')).toBe('secret_whitespace');
    expect(await page.getByTestId('secret-panel').textContent()).toContain('ends with a line break');
    await page.getByRole('button', { name: 'Save it without the whitespace' }).click();
    await page.getByTestId('secret-fixed').waitFor();
    const stored = await apiGet<Inbox>(engine, `/api/inboxes/${inbox.id}`);
    expect({ secret: stored.secret, previous_secret: stored.previous_secret }).toEqual({ secret: SECRET, previous_secret: null });
    expect(watched.safety).toEqual({ dialogs: [], foreignRequests: [], pageErrors: [] });
  });

  it('draws the Signature tab for valid, reformatted, mis-pasted, unsigned and secret-less deliveries in both themes', async () => {
    const engine = await e2e.start();
    await apiPost<Inbox>(engine, '/api/inboxes', { name: 'InboundFlow', slug: 'inboundflow', secret: SECRET });
    await apiPost<Inbox>(engine, '/api/inboxes', { name: 'Pasted', slug: 'pasted', secret: `${SECRET}\n` });
    const cases = [
      ['valid', await sendInboundFlow(engine, 'inboundflow', CALL_COMPLETED_SAMPLE, { secret: SECRET })],
      [
        'invalid-reserialized',
        await sendInboundFlow(engine, 'inboundflow', CALL_COMPLETED_SAMPLE, { secret: SECRET, pretty: true, signReserialized: true }),
      ],
      ['invalid-whitespace', await sendInboundFlow(engine, 'pasted', LEAD_CREATED_SAMPLE, { secret: SECRET })],
      ['unsigned', await sendInboundFlow(engine, 'inboundflow', LEAD_CREATED_SAMPLE, { secret: null })],
      ['no-secret', await sendInboundFlow(engine, 'default', CALL_COMPLETED_SAMPLE, { secret: SECRET })],
    ] as const;
    const causes: Record<string, string> = {
      valid: '',
      'invalid-reserialized': 'signed_reserialized_body',
      'invalid-whitespace': 'secret_whitespace',
      unsigned: 'signature_missing',
      'no-secret': 'no_secret',
    };

    for (const colorScheme of ['light', 'dark'] as const) {
      const watched = await e2e.watch({ colorScheme });
      const { page } = watched;
      // Tall enough that the whole tab, snippet included, is in the picture.
      await page.setViewportSize({ width: 1440, height: 1500 });
      await openSignedIn(page, engine);
      await waitForRows(
        page,
        [...cases].reverse().map(([, delivery]) => delivery.id),
      );
      for (const [name, delivery] of cases) {
        await openSignatureTab(page, delivery.id);
        expect(await page.getByTestId('signature-tab').getAttribute('data-cause')).toBe(causes[name]);
        if (name === 'invalid-reserialized') await page.getByTestId('reserialization-diff').waitFor();
        if (name === 'no-secret') {
          await page.getByLabel('Signing secret', { exact: true }).fill(SECRET);
          await page.getByRole('button', { name: 'Check against this delivery' }).click();
          await page.locator('[data-testid="secret-trial"][data-outcome="match"]').waitFor();
        }
        await screenshot(page, `sig-${name}-${colorScheme}`);
      }
      expect(watched.safety).toEqual({ dialogs: [], foreignRequests: [], pageErrors: [] });
      await watched.context.close();
    }
  });
});
