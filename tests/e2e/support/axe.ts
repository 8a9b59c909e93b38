import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
/** axe-core's browser build, read once; evaluated through DevTools, so the page's CSP (script-src 'self') stays as it is. */
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export type AxeImpact = 'minor' | 'moderate' | 'serious' | 'critical';

export interface AxeFinding {
  rule: string;
  impact: AxeImpact;
  help: string;
  /** One CSS selector per offending node, with axe's one-line reason for it. */
  nodes: { target: string; summary: string }[];
}

/** Runs axe-core's default rules (WCAG 2.x A/AA and best practices) on the page as it is now. */
export async function axeFindings(page: Page): Promise<AxeFinding[]> {
  const loaded = await page.evaluate(() => typeof (window as { axe?: unknown }).axe !== 'undefined');
  if (!loaded) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    type Result = {
      id: string;
      impact: AxeImpact;
      help: string;
      nodes: { target: unknown[]; failureSummary?: string }[];
    };
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: Result[] }> } }).axe;
    const { violations } = await axe.run(document, { resultTypes: ['violations'] });
    return violations.map((violation) => ({
      rule: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.map((node) => ({
        target: node.target.join(' '),
        summary: (node.failureSummary ?? '').split('\n').slice(0, 2).join(' '),
      })),
    }));
  });
}

/** Counts of offending nodes by impact. */
export function countByImpact(findings: AxeFinding[]): Record<AxeImpact, number> {
  const counts: Record<AxeImpact, number> = { minor: 0, moderate: 0, serious: 0, critical: 0 };
  for (const finding of findings) counts[finding.impact] += finding.nodes.length;
  return counts;
}
