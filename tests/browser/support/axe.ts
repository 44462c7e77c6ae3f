// The accessibility audit: axe-core run inside the page (WCAG 2.0, 2.1 and 2.2, levels A and AA),
// and what every audited state adds to the tally the suite prints at the end.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

export interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

interface AxeWindow {
  axe?: {
    run(context: unknown, options: unknown): Promise<{ violations: Violation[]; passes: unknown[] }>;
  };
}

export interface Tally {
  /** `screen/state @ language size` of every audited page. */
  audited: string[];
  violations: { where: string; violation: Violation }[];
}

export const tally: Tally = { audited: [], violations: [] };

/** Runs axe on the page as it is now; returns the violations (and records them in the tally unless `record` is false). */
export async function audit(page: Page, where: string, record = true): Promise<Violation[]> {
  const loaded = await page.evaluate(() => typeof (globalThis as unknown as AxeWindow).axe !== 'undefined');
  if (!loaded) await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(
    async (tags) => {
      const axe = (globalThis as unknown as AxeWindow).axe;
      if (!axe) throw new Error('axe-core did not load');
      const result = await axe.run((globalThis as unknown as { document: unknown }).document, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
      });
      return result.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
      }));
    },
    WCAG_TAGS,
  );
  if (record) {
    tally.audited.push(where);
    for (const violation of violations) tally.violations.push({ where, violation });
  }
  return violations;
}

export const describeViolations = (violations: { where: string; violation: Violation }[]): string =>
  violations
    .map(
      ({ where, violation: v }) =>
        `${where}: ${v.id} (${v.impact ?? '?'}) ${v.help}\n${v.nodes
          .slice(0, 5)
          .map((n) => `      ${n.target.join(' ')}: ${(n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 240)}`)
          .join('\n')}`,
    )
    .join('\n  ');
