import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { makeTempDir } from '../../support/temp-dir.js';

/** Debian's Chromium (`apt-get install -y chromium`; .ci/run installs it when missing). Never a browser download. */
export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

/** Where the browser tests leave a screenshot of each page (git-ignored). */
export const SHOTS = new URL('../../../.web-shots/', import.meta.url).pathname;

/** Headless, and quiet on a machine whose only network is loopback. */
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export type Browser = {
  readonly context: BrowserContext;
  /** A new tab (its own sessionStorage), recording CSP violations and uncaught errors. */
  newPage(): Promise<Page>;
  /** Everything the pages reported that a page served by the engine must never do. */
  readonly faults: string[];
  close(): Promise<void>;
};

/** Chromium with a fresh user-data directory, in London time and British English, as the page's users. */
export async function launchChromium(): Promise<Browser> {
  const profile = makeTempDir('chromium-profile');
  const context = await chromium.launchPersistentContext(profile.path, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    timezoneId: 'Europe/London',
    locale: 'en-GB',
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
  });
  context.setDefaultTimeout(30_000);
  const faults: string[] = [];
  return {
    context,
    faults,
    async newPage() {
      const page = await context.newPage();
      page.on('console', (message) => {
        if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text())) faults.push(`CSP: ${message.text()}`);
      });
      page.on('pageerror', (error) => faults.push(`page error: ${error.message}`));
      return page;
    },
    async close() {
      await context.close();
      profile.remove();
    },
  };
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

type AxeViolation = { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] };

/**
 * axe-core's WCAG 2 A/AA rules on the page as it stands; the serious and critical violations.
 * axe is evaluated through the DevTools protocol, so the page's CSP (no inline script) stays in force.
 */
export async function seriousAccessibilityViolations(page: Page): Promise<string[]> {
  await page.evaluate(`${axeSource}\n;0`);
  const violations = (await page.evaluate(
    `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } }).then((r) => r.violations)`,
  )) as AxeViolation[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
}

/** A screenshot of the page, whole or as the window shows it, under .web-shots/. */
export async function screenshot(page: Page, name: string, options: { readonly fullPage?: boolean } = {}): Promise<string> {
  mkdirSync(SHOTS, { recursive: true });
  const path = join(SHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: options.fullPage ?? true });
  return path;
}
