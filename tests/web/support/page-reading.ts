import type { Page } from 'playwright-core';
import { ACCESS_STREAM_PREFIX } from '../../../src/infrastructure/access-log/records.js';
import { type EventStore } from '../../../src/infrastructure/eventstore/eventstore.js';
import { streams } from '../../../src/infrastructure/eventstore/stream-names.js';
import { londonDate } from '../../../src/infrastructure/clock.js';

/** A figure as the page prints it ("1,234", "not available", "59 (R)") as a number, or null. */
export function figureOf(text: string): number | null {
  const plain = text.replace(/\(R\)/, '').trim();
  if (plain === 'not available' || plain === 'no population recorded') return null;
  const n = Number(plain.replace(/,/g, ''));
  if (!Number.isFinite(n)) throw new Error(`not a figure: "${text}"`);
  return n;
}

/** The return the page shows, read from its table, row by row and cell by cell. */
export async function returnOnPage(page: Page): Promise<Record<string, Record<string, number | null>>> {
  const figures: Record<string, Record<string, number | null>> = {};
  for (const group of await page.locator('table.report tbody[data-row]').all()) {
    const row = (await group.getAttribute('data-row'))!;
    figures[row] = {};
    for (const line of await group.locator('tr[data-cell]').all()) {
      figures[row][(await line.getAttribute('data-cell'))!] = figureOf(await line.locator('td').innerText());
    }
  }
  return figures;
}

export const cellsOf = (result: { rows: { id: string; cells: Record<string, number | null> }[] }) =>
  Object.fromEntries(result.rows.map((r) => [r.id, r.cells]));

/** Presses Tab until `name` has the focus (a bounded number of times); false if it never does. */
export async function tabTo(page: Page, name: string, presses = 40): Promise<boolean> {
  for (let i = 0; i < presses; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate('document.activeElement ? document.activeElement.textContent.trim() : ""');
    if (focused === name) return true;
  }
  return false;
}

export type StoredCaseEvent = { eventId: string; position: number; occurredOn: string; recordedAt: string; type: string };

/** Every case's events as stored, by case id. */
export async function caseEvents(store: EventStore): Promise<Map<string, StoredCaseEvent[]>> {
  const byCase = new Map<string, StoredCaseEvent[]>();
  for await (const e of store.readAll({ streamPrefixes: [streams.casePrefix] })) {
    const caseId = e.streamName.slice(streams.casePrefix.length);
    const list = byCase.get(caseId) ?? [];
    list.push({ eventId: e.eventId, position: e.streamPosition, occurredOn: String(e.data['occurredOn']), recordedAt: String(e.metadata['recordedAt']), type: e.type });
    byCase.set(caseId, list);
  }
  return byCase;
}

/** Days from an event's business date to the London day it was recorded (computed here, apart from the page). */
export const daysLate = (e: StoredCaseEvent) =>
  (Date.parse(`${londonDate(new Date(e.recordedAt))}T00:00:00Z`) - Date.parse(`${e.occurredOn}T00:00:00Z`)) / 86_400_000;

/** The access records of case-level reads, in log order. */
export async function caseDataReads(store: EventStore): Promise<{ actor: { id: string }; resource: string; caseIds: string[]; purpose?: string }[]> {
  const records = [];
  for await (const e of store.readAll({ streamPrefixes: [ACCESS_STREAM_PREFIX] })) {
    if (e.type === 'CaseDataRead') records.push(e.data as { actor: { id: string }; resource: string; caseIds: string[]; purpose?: string });
  }
  return records;
}
