import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

/** axe-core's browser build, evaluated in the page by the DevTools protocol (the page's CSP allows no script). */
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** One rule a page breaks, with the elements that break it: what a failing test prints. */
export interface AxeFinding {
  rule: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * Every axe-core rule that applies (WCAG 2.0–2.2 A and AA, and axe's best practices such as landmarks
 * and one main heading), run on the page as it is now.
 */
export async function axeFindings(page: Page): Promise<AxeFinding[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> }> }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((violation) => ({
      rule: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.map(String).join(' ')),
    }));
  });
}

/** The page's findings under its name, so one expectation over many pages says which page broke what. */
export async function axeReport(page: Page, name: string): Promise<{ page: string; findings: AxeFinding[] }> {
  return { page: name, findings: await axeFindings(page) };
}
