import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../src/infrastructure/auth/principal.js';
import { PAGE_CSP } from '../../src/infrastructure/web/page.js';
import { SEED_FIGURES } from '../fixtures/cumbria-2008-09-figures.js';
import { hasChromium, launchChromium, screenshot, seriousAccessibilityViolations, type Browser } from './support/chromium.js';
import { startDemoServer, type DemoServer } from './support/demo-server.js';
import { caseDataReads, caseEvents, cellsOf, daysLate, returnOnPage, tabTo, type StoredCaseEvent } from './support/page-reading.js';

type Return = { area: string; reportingYear: string; format: string; knownAt: string | null; rows: { id: string; label: string; cells: Record<string, number | null> }[] };

const analyst: Principal = { sub: 'ann', role: 'analyst', agency: 'other', areas: '*' };
const reviewer: Principal = { sub: 'rita', role: 'reviewer', agency: 'police', areas: ['cumbria'] };
/** The test's own reads, beside the page's: another subject, so the access log tells them apart. */
const checker: Principal = { ...reviewer, sub: 'rita-checker' };
const PURPOSE = 'browser test: weekly review';

/**
 * The web page in Debian's Chromium, served by the engine on the demo's Cumbria history: an
 * analyst signs in and reads the 2008-09 return of the seed report from the page; a reviewer
 * follows the caseload to a case's timeline; an analyst is never shown a case. Every page is
 * screenshotted (.web-shots/) and checked with axe-core, and none may break its CSP.
 */
// Debian's chromium is what these tests drive (never a downloaded browser); .ci/run installs it when missing.
describe.skipIf(!hasChromium)('the web page in a browser', () => {
  let demo: DemoServer;
  let browser: Browser;
  const json = async <T>(who: Principal, path: string) => (await (await demo.api(who, path)).json()) as T;

  beforeAll(async () => {
    [demo, browser] = await Promise.all([startDemoServer(), launchChromium()]);
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await demo?.close();
  });

  /** A fresh tab on the page, and the paths of every request it makes. */
  async function openPage(): Promise<{ page: Page; requests: string[] }> {
    const page = await browser.newPage();
    const requests: string[] = [];
    page.on('request', (request) => requests.push(new URL(request.url()).pathname));
    await page.goto(`${demo.base}/`);
    await page.getByRole('heading', { name: 'Sign in', exact: true }).waitFor();
    return { page, requests };
  }

  async function expectAccessible(page: Page) {
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  }

  it('the built page holds no inline script or style, and the engine serves every file it names', async () => {
    const html = await (await fetch(`${demo.base}/`)).text();
    expect(html).not.toMatch(/<style|style=|<script(?![^>]*\ssrc=)|javascript:|\son[a-z]+=/i);
    const files = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!);
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const file of files) {
      const response = await fetch(`${demo.base}${file}`);
      expect({ file, status: response.status, cache: response.headers.get('cache-control') }).toEqual({ file, status: 200, cache: 'public, max-age=31536000, immutable' });
    }
  });

  describe('an analyst', () => {
    let page: Page;
    let requests: string[];

    it('signs in with the development "sign in as" (the page is served under its own CSP)', async () => {
      const served = await fetch(`${demo.base}/`);
      expect(served.headers.get('content-security-policy')).toBe(PAGE_CSP);
      ({ page, requests } = await openPage());
      await expectAccessible(page);
      await screenshot(page, 'sign-in');
      await page.getByLabel('Role', { exact: true }).selectOption('analyst');
      await page.getByLabel('Subject', { exact: true }).fill('ann');
      await page.getByLabel('Agency', { exact: true }).selectOption('other');
      await page.getByLabel('Areas (codes, or * for every area)').fill('*');
      await page.getByRole('button', { name: 'Sign in as analyst' }).click();
      await page.getByRole('heading', { name: 'Annual returns', level: 1 }).waitFor();
      await expect.poll(() => page.getByRole('banner').innerText()).toContain('Signed in as ann (analyst, other; every area)');
      expect(await page.evaluate('sessionStorage.getItem("mappa.token") !== null && localStorage.length === 0')).toBe(true);
    });

    it('opens the Cumbria 2008-09 return and reads its figures: the engine\'s JSON return, and the seed report\'s table', async () => {
      await page.getByLabel('Area', { exact: true }).selectOption({ label: 'Cumbria' });
      await page.getByLabel('Reporting year', { exact: true }).selectOption('2008-09');
      await page.locator('table[data-return="cumbria/2008-09/2008"]').waitFor();
      const shown = await returnOnPage(page);
      const engine = await json<Return>(analyst, '/returns/2008-09?area=cumbria');
      expect(shown).toEqual(cellsOf(engine));
      expect(shown).toEqual(SEED_FIGURES);
      // In the report's words, with the identities checked on the figures shown.
      const report = await page.locator('table.report').innerText();
      expect(report).toContain('Number of MAPPA eligible offenders at 31 March 2009');
      expect(report).toContain('Total number of registered sexual offenders in Cumbria per 100,000 head of population');
      const identities = await page.locator('.identities li').allInnerTexts();
      expect(identities.length).toBeGreaterThanOrEqual(8);
      expect(identities.every((line) => line.startsWith('Holds'))).toBe(true);
      expect(identities.join('\n')).toContain('123 + 83 + 84 = 290');
    });

    it('sees the row across every year the log covers, and the areas compared, each chart beside its table', async () => {
      const series = await json<{ returns: Return[] }>(analyst, '/returns?area=cumbria&format=2008');
      const trend = page.locator('table[data-table="trend"]');
      await expect.poll(() => trend.locator('tbody tr').count()).toBe(series.returns.length);
      expect(series.returns[0]!.reportingYear).toBe('2001-02');
      const r01 = await trend.locator('tr[data-year="2008-09"] td').allInnerTexts();
      expect(r01).toEqual(['290', '49', '2', '341']);
      for (const figure of ['trend', 'comparison']) {
        await page.locator(`figure[data-figure="${figure}"] .chart svg`).first().waitFor();
        expect(await page.locator(`figure[data-figure="${figure}"] .table-side table`).count()).toBe(1);
      }
      const cumbria = await page.locator('table[data-table="comparison"] tr[data-area="cumbria"] td').allInnerTexts();
      expect(cumbria).toEqual(['290', '59']);
      expect(await page.locator('table[data-table="comparison"] tbody tr').count()).toBe(42);
      await expectAccessible(page);
      await screenshot(page, 'returns');
      await page.evaluate('window.scrollTo(0, 0)');
      await screenshot(page, 'returns-top', { fullPage: false });
    });

    it('downloads the return as CSV, from the keyboard, identical to the API\'s', async () => {
      // Reloaded, the tab keeps its sign-in (sessionStorage) and the URL keeps the return chosen.
      await page.reload();
      await page.locator('table[data-return="cumbria/2008-09/2008"]').waitFor();
      await page.keyboard.press('Tab');
      expect(await page.evaluate('document.activeElement.textContent')).toBe('Skip to content');
      await page.keyboard.press('Enter');
      expect(await page.evaluate('document.activeElement.id')).toBe('main');
      expect(await tabTo(page, 'Download CSV')).toBe(true);
      const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
      expect(download.suggestedFilename()).toBe('mappa-return-cumbria-2008-09-2008.csv');
      const csv = readFileSync((await download.path())!, 'utf8');
      expect(csv).toBe(await (await demo.api(analyst, '/returns/2008-09?area=cumbria&format=2008', 'text/csv')).text());
    });

    it('sees a return as known at an instant, and no revision marks for a return never submitted', async () => {
      await page.getByLabel(/^As known at/).fill('2009-04-30T13:00:00');
      await page.getByLabel(/^As known at/).dispatchEvent('change');
      await expect.poll(() => page.locator('.return-meta').innerText()).toContain('2009-04-30T12:00:00.000Z');
      const then = await json<Return>(analyst, '/returns/2008-09?area=cumbria&knownAt=2009-04-30T12:00:00.000Z');
      await expect.poll(() => returnOnPage(page)).toEqual(cellsOf(then));
      expect(new URL(page.url()).hash).toContain('knownAt=2009-04-30T12%3A00%3A00.000Z');
      // The page read the API's description, found the revisions route, asked for the return as it
      // stands now (404: never submitted) and marks nothing; a return as known at an instant is not asked.
      expect(requests).toContain('/docs/json');
      expect(requests).toContain('/returns/2008-09/revisions');
      expect(await page.locator('.revised, [data-revisions-note]').count()).toBe(0);
    });

    it('is never offered a case-level page, and the API refuses one to its token', async () => {
      const links = await page.getByRole('navigation', { name: 'Pages' }).getByRole('link').allInnerTexts();
      expect(links).toEqual(['Annual returns']);
      requests.length = 0;
      for (const hash of ['#/cases/cumbria-0002', '#/caseload']) {
        await page.goto(`${demo.base}/${hash}`);
        await page.getByRole('heading', { name: 'Not available' }).waitFor();
        await expectAccessible(page);
      }
      await screenshot(page, 'analyst-case-refused');
      expect(requests.filter((path) => path.startsWith('/cases') || path.startsWith('/caseload'))).toEqual([]);
      const statusOf = (path: string) =>
        page.evaluate(`fetch(${JSON.stringify(path)}, { headers: { authorization: 'Bearer ' + sessionStorage.getItem('mappa.token') } }).then((r) => r.status)`);
      expect(await statusOf('/cases/cumbria-0002')).toBe(403);
      expect(await statusOf('/cases/cumbria-0002/events')).toBe(403);
      const listing = await page.evaluate(
        `fetch('/caseload?area=cumbria', { headers: { authorization: 'Bearer ' + sessionStorage.getItem('mappa.token') } }).then((r) => r.json())`,
      );
      expect(listing).not.toHaveProperty('cases');
    });
  });

  describe('a reviewer', () => {
    let page: Page;
    let requests: string[];
    let target: { caseId: string; events: StoredCaseEvent[] };

    it('signs in by pasting a token; a token the API refuses is not kept', async () => {
      ({ page, requests } = await openPage());
      await page.getByRole('textbox', { name: 'Bearer token' }).fill('not.a.token');
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await expect.poll(() => page.getByRole('alert').innerText()).toContain('The token was not accepted');
      expect(await page.evaluate('sessionStorage.getItem("mappa.token")')).toBeNull();
      await page.getByRole('textbox', { name: 'Bearer token' }).fill(await demo.token(reviewer));
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.getByRole('heading', { name: 'Caseload', level: 1 }).waitFor();
      expect(await page.getByRole('navigation', { name: 'Pages' }).getByRole('link').allInnerTexts()).toEqual(['Caseload']);
    });

    it('sees the open cases of their areas with their flags, filtered as the API filters them', async () => {
      await page.getByLabel(/^Purpose of this consultation/).fill(PURPOSE);
      const listed = await json<{ counts: { total: number }; cases: { caseId: string }[] }>(checker, '/caseload?limit=200');
      const rows = page.locator('table[data-table="caseload"] tbody tr');
      await expect.poll(() => rows.count()).toBe(listed.cases.length);
      expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-case')))).toEqual(listed.cases.map((c) => c.caseId));
      expect(await page.locator('.counts').innerText()).toContain(`Open cases\n${listed.counts.total}`);
      await expectAccessible(page);
      await screenshot(page, 'caseload', { fullPage: false });

      await page.getByLabel('Flag', { exact: true }).selectOption({ label: 'Review overdue' });
      const overdue = await json<{ cases: { caseId: string }[] }>(checker, '/caseload?limit=200&reviewOverdue=true');
      expect(overdue.cases.length).toBeGreaterThan(0);
      await expect.poll(() => rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-case')))).toEqual(overdue.cases.map((c) => c.caseId));
      expect((await rows.locator('td:last-child').allInnerTexts()).every((flags) => flags.includes('Review overdue'))).toBe(true);
      await page.getByLabel('Flag', { exact: true }).selectOption({ label: 'Any' });
      await expect.poll(() => rows.count()).toBe(listed.cases.length);

      // The case to follow: one listed here whose history holds records made late, backdated ones first.
      const byCase = await caseEvents(demo.server.store);
      const backdated = (events: StoredCaseEvent[]) => events.some((e, i) => events.slice(0, i).some((earlier) => earlier.occurredOn > e.occurredOn));
      const candidates = listed.cases.map((c) => ({ caseId: c.caseId, events: byCase.get(c.caseId)! })).filter((c) => c.events.some((e) => daysLate(e) > 7));
      target = candidates.find((c) => backdated(c.events)) ?? candidates[0]!;
      expect(target).toBeDefined();
    });

    it('follows a case to its timeline and finds its events on both time axes, late records marked', async () => {
      requests.length = 0;
      await page.locator(`table[data-table="caseload"] tr[data-case="${target.caseId}"] a`).click();
      await page.getByRole('heading', { name: `Case ${target.caseId}`, level: 1 }).waitFor();
      const rows = page.locator('table[data-table="events"] tbody tr');
      await expect.poll(() => rows.count()).toBe(target.events.length);
      const inTimelineOrder = [...target.events].sort((a, b) => a.occurredOn.localeCompare(b.occurredOn) || a.position - b.position);
      expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-event')))).toEqual(inTimelineOrder.map((e) => e.eventId));
      expect(await rows.locator('td[data-type]').allInnerTexts()).toEqual(inTimelineOrder.map((e) => e.type));
      const late = await page.locator('table[data-table="events"] tr[data-kind="late"], table[data-table="events"] tr[data-kind="backdated"]').evaluateAll((trs) =>
        trs.filter((tr) => tr.querySelector('td:nth-child(7)')!.textContent!.includes('late')).map((tr) => tr.getAttribute('data-event')),
      );
      expect(late.sort()).toEqual(target.events.filter((e) => daysLate(e) > 7).map((e) => e.eventId).sort());
      await page.locator('figure[data-figure="timeline"] .chart svg').first().waitFor();
      expect(await page.locator('figure[data-figure="timeline"] .chart svg [aria-label="dot"] > *').count()).toBe(target.events.length);
      const bases = await json<{ bases: { basisId: string; lastDay: string | null }[] }>(checker, `/cases/${target.caseId}`);
      for (const basis of bases.bases) {
        expect(await page.locator(`table[data-table="bases"] tr[data-basis="${basis.basisId}"] td[data-last-day]`).getAttribute('data-last-day')).toBe(basis.lastDay ?? '');
      }
      await expectAccessible(page);
      await screenshot(page, 'case-timeline');
    });

    it('shows the case on a chosen date as known at a chosen instant, as the API gives it, every read access-logged', async () => {
      const ordered = [...target.events].sort((a, b) => a.recordedAt.localeCompare(b.recordedAt));
      const middle = ordered[Math.floor(ordered.length / 2)]!;
      const asOf = middle.occurredOn;
      const knownAt = middle.recordedAt;
      await page.getByLabel(/^State on/).fill(asOf);
      // The instant in London time, as the reviewer types it (the browser runs in Europe/London).
      const local = new Date(knownAt).toLocaleString('sv-SE', { timeZone: 'Europe/London' }).replace(' ', 'T');
      await page.getByLabel(/^As known at/).fill(local);
      await page.getByRole('button', { name: 'Show this state' }).click();
      const knownAtSecond = new Date(Math.floor(Date.parse(knownAt) / 1000) * 1000).toISOString();
      const past = await json<{ level: number; reportedCategory: number | null; open: boolean; version: number }>(checker, `/cases/${target.caseId}?asOf=${asOf}&knownAt=${knownAtSecond}`);
      await expect.poll(() => page.locator('.state-meta').innerText()).toContain(`(version ${past.version})`);
      const facts = await page.locator('.case-state .facts').innerText();
      expect(facts).toContain(`Level\n${past.level}`);
      expect(facts).toContain(`Reported category\n${past.reportedCategory ?? 'none'}`);
      const inState = target.events.filter((e) => e.occurredOn <= asOf && Date.parse(e.recordedAt) <= Date.parse(knownAtSecond)).length;
      expect(await page.locator('table[data-table="events"] tbody tr:not(.outside)').count()).toBe(inState);

      // N case-level reads by the page, N access records, each with the purpose typed.
      const reads = requests.filter((path) => path.startsWith(`/cases/${target.caseId}`));
      const records = (await caseDataReads(demo.server.store)).filter((r) => r.actor.id === 'rita' && r.resource !== 'caseload' && r.caseIds.includes(target.caseId));
      expect(reads.length).toBeGreaterThanOrEqual(3);
      expect(records.length).toBe(reads.length);
      expect(records.every((r) => r.purpose === PURPOSE)).toBe(true);
    });
  });

  it('a coordinator sees a case as it stands today, and the page never asks for its history or a past state', async () => {
    const { page, requests } = await openPage();
    await page.getByRole('textbox', { name: 'Bearer token' }).fill(await demo.token({ sub: 'colin', role: 'coordinator', agency: 'probation', areas: ['cumbria'] }));
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.locator('table[data-table="caseload"] tbody tr a').first().click();
    await page.locator('.case-state').waitFor();
    expect(await page.getByText('Its history and past states are for reviewers').count()).toBe(1);
    expect(await page.locator('table[data-table="events"], input[name="asOf"]').count()).toBe(0);
    expect(requests.filter((path) => path.startsWith('/cases/')).every((path) => !path.endsWith('/events'))).toBe(true);
    expect(requests.some((path) => path.startsWith('/cases/'))).toBe(true);
    await expectAccessible(page);
    await page.close();
  });

  it('the accessibility check finds a fault where there is one (an unlabelled field, text without contrast)', async () => {
    const page = await browser.newPage();
    await page.setContent('<html lang="en"><title>t</title><main><input type="text"><p style="color:#eee;background:#fff">faint</p></main></html>');
    const found = await seriousAccessibilityViolations(page);
    expect(found.map((v) => v.split(' ')[0])).toEqual(expect.arrayContaining(['label', 'color-contrast']));
    await page.close();
  });

  it('no page broke its CSP or threw', () => {
    expect(browser.faults).toEqual([]);
  });
});
