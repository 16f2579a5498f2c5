import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../src/infrastructure/auth/principal.js';
import { hasChromium, launchChromium, screenshot, seriousAccessibilityViolations, type Browser } from './support/chromium.js';
import { startDemoServer, type DemoServer } from './support/demo-server.js';
import { returnOnPage } from './support/page-reading.js';

/**
 * The returns page after a submission (docs/DOMAIN.md section 11), in Debian's Chromium, on the demo's
 * Cumbria history: the analyst submits the 2008-09 return through the API, a coordinator records a
 * referral of February 2009 after it, and the page marks each revised figure (R) with the revisions
 * note, exactly as the API gives them.
 */
// Debian's chromium is what these tests drive (never a downloaded browser); .ci/run installs it when missing.
describe.skipIf(!hasChromium)('revised figures on the web page', () => {
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

  async function openPage(): Promise<{ page: Page }> {
    const page = await browser.newPage();
    await page.goto(`${demo.base}/`);
    await page.getByRole('heading', { name: 'Sign in', exact: true }).waitFor();
    return { page };
  }

  async function expectAccessible(page: Page) {
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  }

  const cumbriaAnalyst: Principal = { sub: 'andy', role: 'analyst', agency: 'other', areas: ['cumbria'] };
  const coordinator: Principal = { sub: 'colin', role: 'coordinator', agency: 'probation', areas: ['cumbria'] };
  const post = async (who: Principal, path: string, body: unknown) =>
    fetch(`${demo.base}${path}`, { method: 'POST', headers: { authorization: `Bearer ${await demo.token(who)}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('an analyst sees each revised figure marked (R), and the revisions note, as the API gives them', async () => {
    const submitted = await post(cumbriaAnalyst, '/returns/2008-09/submissions', { area: 'cumbria', note: 'browser test' });
    expect(submitted.status).toBe(201);
    const referral = {
      type: 'ReferOffender', occurredOn: '2009-02-16', area: 'cumbria', localUnit: 'West BCU', leadAgency: 'police',
      subject: { ref: 'BROWSER-LATE-1', dateOfBirth: '1968-07-21' },
      basis: { kind: 'registered-sexual-offender', basisId: 'rso-1', relevantDate: '2009-02-09', disposal: 'caution' },
    };
    expect((await post(coordinator, '/cases/browser-late-0001/commands', referral)).status).toBe(201);
    const revisions = await json<{ changes: { rowId: string; cell: string; submitted: number; current: number }[] }>(cumbriaAnalyst, '/returns/2008-09/revisions?area=cumbria');
    expect(revisions.changes.map((c) => `${c.rowId}/${c.cell}`)).toEqual(['R01/cat1', 'R01/total', 'R08/West BCU']);
    const text = await (await demo.api(cumbriaAnalyst, '/returns/2008-09/revisions?area=cumbria', 'text/plain')).text();
    const note = text.slice(text.lastIndexOf('\nRevisions: ') + '\nRevisions: '.length).trim();
    expect(note).toMatch(/^Figures marked \(R\) are revised since the return submitted at .*\. 3 figures have changed, by 3 in all\. Causes: 1 record made late\.$/);

    const { page } = await openPage();
    await page.getByRole('textbox', { name: 'Bearer token' }).fill(await demo.token(cumbriaAnalyst));
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByLabel('Area', { exact: true }).selectOption({ label: 'Cumbria' });
    await page.getByLabel('Reporting year', { exact: true }).selectOption('2008-09');
    await page.locator('[data-revisions-note]').waitFor();
    expect(await page.locator('[data-revisions-note]').innerText()).toBe(note);
    const marked: string[] = [];
    for (const figure of await page.locator('table.report tbody[data-row] tr[data-cell]').all()) {
      if ((await figure.locator('.revised').count()) === 0) continue;
      const row = await figure.locator('xpath=..').getAttribute('data-row');
      marked.push(`${row}/${await figure.getAttribute('data-cell')}`);
      expect(await figure.locator('td').innerText()).toMatch(/^\d[\d,]* \(R\)$/);
    }
    expect(marked).toEqual(['R01/cat1', 'R01/total', 'R08/West BCU']);
    const shown = await returnOnPage(page);
    expect([shown['R01']!['cat1'], shown['R01']!['total'], shown['R08']!['West BCU']]).toEqual([291, 342, 85]);
    await expectAccessible(page);
    await screenshot(page, 'returns-revised');
    await page.close();
  });

  it('no page broke its CSP or threw', () => {
    expect(browser.faults).toEqual([]);
  });

  it('a reviewer sees a retracted event struck through in the case history, with the retraction that took it out', async () => {
    const caseId = 'browser-retract-0001';
    const referral = {
      type: 'ReferOffender', occurredOn: '2008-06-02', area: 'cumbria', localUnit: 'North BCU', leadAgency: 'police',
      subject: { ref: 'BROWSER-RETRACT-1', dateOfBirth: '1970-01-05' },
      basis: { kind: 'registered-sexual-offender', basisId: 'rso-1', relevantDate: '2008-05-20', disposal: 'custody', custodialMonths: 36 },
    };
    expect((await post(coordinator, `/cases/${caseId}/commands`, referral)).status).toBe(201);
    const breach = (await (await post(coordinator, `/cases/${caseId}/commands`, { type: 'RecordNotificationBreach', occurredOn: '2008-11-01', disposal: 'caution' })).json()) as { events: { eventId: string }[] };
    const retracted = await post(coordinator, `/cases/${caseId}/commands`, { type: 'RetractEvents', eventIds: [breach.events[0]!.eventId], reason: 'duplicate' });
    expect(retracted.status).toBe(201);
    const retraction = ((await retracted.json()) as { events: { eventId: string }[] }).events[0]!.eventId;

    const reviewer: Principal = { sub: 'rhona', role: 'reviewer', agency: 'police', areas: ['cumbria'] };
    const { page } = await openPage();
    await page.getByRole('textbox', { name: 'Bearer token' }).fill(await demo.token(reviewer));
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { name: 'Caseload', level: 1 }).waitFor();
    await page.goto(`${demo.base}/#/cases/${caseId}`);
    await page.getByRole('heading', { name: `Case ${caseId}`, level: 1 }).waitFor();
    const struck = page.locator(`table[data-table="events"] tr[data-event="${breach.events[0]!.eventId}"]`);
    await struck.waitFor();
    expect(await struck.getAttribute('data-kind')).toBe('retracted');
    expect(await struck.locator('del').innerText()).toBe('NotificationBreachRecorded');
    expect(await struck.locator('.retraction').innerText()).toContain(`retracted by ${retraction}`);
    expect(await page.locator(`table[data-table="events"] tr[data-event="${retraction}"]`).getAttribute('data-kind')).toBe('undated');
    await expectAccessible(page);
    await screenshot(page, 'case-retracted');
    await page.close();
  });
});
