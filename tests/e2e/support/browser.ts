import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const SHOTS_DIR = '/tmp/hookbench-shots';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** What a page did that a safe UI never does with webhook content. */
export interface SafetyLog {
  dialogs: string[];
  foreignRequests: string[];
  pageErrors: string[];
}

export interface WatchedPage {
  context: BrowserContext;
  page: Page;
  safety: SafetyLog;
}

export interface PageOptions {
  /** The theme the OS would ask for; light unless said. */
  colorScheme?: 'light' | 'dark';
  /** Lets the page read and write the clipboard, to check what a copy button copied. */
  clipboard?: boolean;
}

/** A fresh context and page that records every dialog, page error and request to any host but the engine's API origin. */
export async function openWatchedPage(browser: Browser, apiOrigin: string, options: PageOptions = {}): Promise<WatchedPage> {
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    deviceScaleFactor: 1,
    colorScheme: options.colorScheme ?? 'light',
  });
  if (options.clipboard) await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: apiOrigin });
  const page = await context.newPage();
  // Fail with the step that hung, well inside the test's own timeout.
  page.setDefaultTimeout(10_000);
  const safety: SafetyLog = { dialogs: [], foreignRequests: [], pageErrors: [] };
  const allowedHost = new URL(apiOrigin).host;
  page.on('dialog', (dialog) => {
    safety.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => safety.pageErrors.push(error.message));
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol === 'data:' || url.protocol === 'blob:') return;
    if (url.host !== allowedHost) safety.foreignRequests.push(request.url());
  });
  return { context, page, safety };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS_DIR, { recursive: true });
  await page.screenshot({ path: `${SHOTS_DIR}/${name}.png` });
}
