import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Inbox } from '../../shared/api/inboxes.js';
import type { Integration } from '../../shared/api/integrations.js';
import { CALL_COMPLETED_SAMPLE } from '../../shared/inboundflow/samples.js';
import { sign } from '../../shared/inboundflow/signature.js';
import { apiPost } from './support/api.js';
import { axeFindings, countByImpact, type AxeFinding } from './support/axe.js';
import { screenshot } from './support/browser.js';
import type { RunningEngine } from './support/engine.js';
import { sendRawWebhook } from './support/raw-webhook.js';
import { useE2eSession } from './support/session.js';
import { openDelivery } from './support/ui.js';

/** Rules the issue names besides serious and critical ones: a page has one h1, and headings do not skip levels. */
const HEADING_RULES = ['page-has-heading-one', 'heading-order'];

/** A signed InboundFlow delivery, a plain JSON one, a failing inbox and an integration: every screen has something to show. */
async function seed(engine: RunningEngine): Promise<{ signed: string; lab: Inbox }> {
  const lab = await apiPost<Inbox>(engine, '/api/inboxes', {
    name: 'Failing handler',
    slug: 'failing',
    secret: 'whsec_a11y',
    failure: { mode: 'always', kind: { type: 'status', status: 500 } },
  });
  await apiPost<Integration>(engine, '/api/integrations', {
    kind: 'custom',
    name: 'CRM sync',
    url: `${engine.receiverHttp}/i/failing/crm`,
    events: ['call.completed'],
  });
  await sendRawWebhook(engine.receiverHttp, {
    path: '/i/default/orders',
    headers: [['Content-Type', 'application/json']],
    body: JSON.stringify({ event: 'order.paid', amount: 1200 }),
  });
  const body = JSON.stringify(CALL_COMPLETED_SAMPLE);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const sent = await sendRawWebhook(engine.receiverHttp, {
    path: '/i/failing/webhooks/inboundflow',
    headers: [
      ['Content-Type', 'application/json'],
      ['X-InboundFlow-Event', 'call.completed'],
      ['X-InboundFlow-Timestamp', timestamp],
      ['X-InboundFlow-Signature', `${sign('whsec_a11y', timestamp, body)}`],
    ],
    body,
  });
  return { signed: sent.json.id!, lab };
}

async function detailTab(page: Page, name: RegExp): Promise<void> {
  await page.getByRole('tab', { name }).click();
  await page.getByRole('tab', { name, selected: true }).waitFor();
}

/** Each screen the issue lists, reached as a user would, in order; each step starts where the previous one left. */
function screens(page: Page, signed: string, lab: Inbox): [string, () => Promise<void>][] {
  const view = (name: RegExp) => page.getByRole('tab', { name }).click();
  return [
    ['list and overview', () => openDelivery(page, signed)],
    ['signature tab', () => detailTab(page, /^Signature/)],
    ['headers tab', () => detailTab(page, /^Headers/)],
    [
      'body tab',
      async () => {
        await detailTab(page, /^Body/);
        await page.locator('[data-testid="request-body"]:not([data-mode="loading"])').waitFor();
      },
    ],
    [
      'response tab',
      async () => {
        await detailTab(page, /^Response/);
        await page.locator('[data-testid="response-body"] .cm-line').first().waitFor();
      },
    ],
    [
      'replay dialog',
      async () => {
        await page.getByTestId('replay-open-dialog').click();
        await page.getByTestId('replay-dialog').waitFor();
      },
    ],
    [
      'bulk replay dialog',
      async () => {
        await page.keyboard.press('Escape');
        await page.getByTestId('replay-dialog').waitFor({ state: 'detached' });
        await page.getByTestId('bulk-replay-open').click();
        await page.getByTestId('bulk-replay-dialog').waitFor();
      },
    ],
    [
      'insight',
      async () => {
        await page.keyboard.press('Escape');
        await page.getByTestId('bulk-replay-dialog').waitFor({ state: 'detached' });
        await page.getByTestId('rate-toggle').click();
        await page.getByTestId('insight-panel').waitFor();
      },
    ],
    [
      'inboxes',
      async () => {
        await view(/^Inboxes/);
        await page.getByTestId('inboxes-panel').waitFor();
      },
    ],
    [
      'integrations',
      async () => {
        await view(/^Integrations/);
        await page.getByTestId('integrations-view').waitFor();
        await page.locator('[data-testid="composer-editor"] .cm-line').first().waitFor();
      },
    ],
    [
      'failure lab',
      async () => {
        await view(/^Failure lab/);
        await page.getByTestId('failure-lab').waitFor();
        await page.getByLabel('Inbox', { exact: true }).selectOption(lab.id);
      },
    ],
    [
      'tunnel panel',
      async () => {
        await page.getByTestId('tunnel-pill').click();
        await page.getByTestId('tunnel-panel').waitFor();
      },
    ],
  ];
}

function describeFindings(findings: Map<string, AxeFinding[]>): string {
  const lines: string[] = [];
  for (const [screen, found] of findings)
    for (const finding of found)
      lines.push(
        `${screen}: ${finding.impact} ${finding.rule} (${finding.nodes.length}) ${finding.help} — ${finding.nodes.map((node) => `${node.target}: ${node.summary}`).join(' | ')}`,
      );
  return lines.join('\n');
}

describe('accessibility (axe-core)', () => {
  const e2e = useE2eSession({ expectSafePages: true });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`finds no serious or critical violation and no heading problem on any screen, ${colorScheme} theme`, async () => {
      const engine = await e2e.start({ allowHttpLocalhost: true });
      const { signed, lab } = await seed(engine);
      const findings = new Map<string, AxeFinding[]>();

      const locked = await e2e.watch({ colorScheme });
      await locked.page.goto(engine.apiOrigin);
      await locked.page.getByTestId('unauthorized').waitFor();
      findings.set('locked page', await axeFindings(locked.page));
      await screenshot(locked.page, `screen-${colorScheme}-locked-page`);

      const { page } = await e2e.openSignedIn({ colorScheme });
      for (const [screen, show] of screens(page, signed, lab)) {
        await show();
        findings.set(screen, await axeFindings(page));
        // Each screen as checked, to look at (in SHOTS_DIR).
        await screenshot(page, `screen-${colorScheme}-${screen.replaceAll(' ', '-')}`);
      }

      const all = [...findings.values()].flat();
      console.log(`axe, ${colorScheme}: ${JSON.stringify(countByImpact(all))}\n${describeFindings(findings)}`);
      const blocking = new Map(
        [...findings].map(([screen, found]) => [
          screen,
          found.filter((f) => f.impact === 'serious' || f.impact === 'critical' || HEADING_RULES.includes(f.rule)),
        ]),
      );
      expect(describeFindings(blocking)).toBe('');
    }, 120_000);
  }
});
