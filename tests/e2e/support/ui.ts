import type { Locator, Page } from 'playwright-core';
import type { RunningEngine } from './engine.js';

/** Opens the link `hookbench serve` printed and waits until the live feed is connected. */
export async function openSignedIn(page: Page, engine: RunningEngine): Promise<void> {
  await page.goto(engine.uiUrl);
  await liveStatus(page, 'live').waitFor();
}

export function liveStatus(page: Page, status: 'live' | 'reconnecting' | 'connecting'): Locator {
  return page.locator(`[data-testid="live-status"][data-status="${status}"]`);
}

export function deliveryRow(page: Page, id: string): Locator {
  return page.locator(`[role="row"][data-delivery-id="${id}"]`);
}

export async function openDelivery(page: Page, id: string): Promise<void> {
  await deliveryRow(page, id).click();
  await page.locator(`[data-testid="delivery-detail"][data-delivery-id="${id}"]`).waitFor();
}

/** Waits until the list shows exactly these deliveries, top to bottom. */
export async function waitForRows(page: Page, ids: string[]): Promise<void> {
  await page.waitForFunction(
    (expected) => {
      const shown = [...document.querySelectorAll('[role="row"][data-delivery-id]')]
        .sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top)
        .map((row) => row.getAttribute('data-delivery-id'));
      return JSON.stringify(shown) === JSON.stringify(expected);
    },
    ids,
    { timeout: 10_000 },
  );
}

/**
 * The text of a CodeMirror view (its editable content element, or anything inside the editor), one
 * line per rendered line: the whole text for a body short enough to be on screen at once.
 */
export function codeText(inEditor: Locator): Promise<string> {
  return inEditor.evaluate((element) => {
    const content = element.closest('.cm-editor')?.querySelector('.cm-content') ?? element.querySelector('.cm-content');
    return [...(content?.querySelectorAll('.cm-line') ?? [])].map((line) => line.textContent).join('\n');
  });
}
