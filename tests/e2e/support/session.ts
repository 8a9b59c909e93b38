import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { launchChromium, openWatchedPage, type PageOptions, type WatchedPage } from './browser.js';
import { startEngine, type EngineOptions, type RunningEngine } from './engine.js';
import { openSignedIn } from './ui.js';

export interface SessionOptions {
  /** After each test, expect every page it watched to have logged no dialog, foreign request or page error. */
  expectSafePages?: boolean;
}

/** One describe block's Chromium, and the engines and pages of the test that is running. */
export interface E2eSession {
  /** Starts `hookbench serve` for this test; it is stopped and its data dir removed after the test. */
  start(options?: EngineOptions): Promise<RunningEngine>;
  /** The engine this test started last. */
  readonly engine: RunningEngine;
  /** A watched page in a fresh context, for this test's engine; the context is closed after the test. */
  watch(options?: PageOptions): Promise<WatchedPage>;
  /** A watched page that has opened the printed link and is live. */
  openSignedIn(options?: PageOptions): Promise<WatchedPage>;
}

/**
 * Registers the hooks of an end-to-end describe block: Chromium is launched once for the block, and
 * each test's pages and engines are closed and cleaned up after it, whether it passed or not.
 */
export function useE2eSession(options: SessionOptions = {}): E2eSession {
  let browser: Browser | undefined;
  const engines: RunningEngine[] = [];
  const pages: WatchedPage[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    const watched = pages.splice(0);
    // Last started first: a restarted engine shares its data dir with the one it replaced.
    const started = engines.splice(0).reverse();
    try {
      if (options.expectSafePages)
        for (const { safety } of watched) expect(safety).toEqual({ dialogs: [], foreignRequests: [], pageErrors: [] });
    } finally {
      for (const { context } of watched) await context.close();
      for (const engine of started) await engine.cleanup();
    }
  });

  const session: E2eSession = {
    async start(engineOptions) {
      const engine = await startEngine(engineOptions);
      engines.push(engine);
      return engine;
    },
    get engine() {
      const engine = engines.at(-1);
      if (!engine) throw new Error('No engine is running for this test: call `start()` on the session first.');
      return engine;
    },
    async watch(pageOptions) {
      if (!browser) throw new Error('Chromium is not running: call `useE2eSession()` in the describe block, not inside a test.');
      const watched = await openWatchedPage(browser, session.engine.apiOrigin, pageOptions);
      pages.push(watched);
      return watched;
    },
    async openSignedIn(pageOptions) {
      const watched = await session.watch(pageOptions);
      await openSignedIn(watched.page, session.engine);
      return watched;
    },
  };
  return session;
}
