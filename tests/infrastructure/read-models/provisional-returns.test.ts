import { describe, expect, it } from 'vitest';
import { returnAsCsv } from '../../../src/projections/annual-return/render-csv.js';
import { returnAsText } from '../../../src/projections/annual-return/render-text.js';
import { manualClock } from '../../../src/infrastructure/clock.js';
import { caseCommandHandler } from '../../../src/infrastructure/command-handler/handle-case-command.js';
import { openMemoryEventStore } from '../../../src/infrastructure/eventstore/memory.js';
import { ProjectionsInThread } from '../../../src/infrastructure/read-models/projections-in-thread.js';
import { refer, rso } from '../../domain/case/support/builders.js';

const actor = { id: 'c-1', role: 'coordinator', agency: 'police' } as const;

describe('Regression: a return for a year that had not ended printed its figures "at 31 March" as if final', () => {
  async function setup(now: string) {
    const store = openMemoryEventStore();
    const clock = manualClock('2030-06-01T09:00:00.000Z');
    await caseCommandHandler({ store, clock })('p-1', refer({ occurredOn: '2030-05-01', basis: rso({ relevantDate: '2030-04-20' }) }), { areas: '*', actor });
    clock.set(now);
    const projections = new ProjectionsInThread(store, ':memory:', { clock });
    await projections.catchUp();
    return { projections, clock };
  }

  it('provisional while the injected clock is on or before the 31 March that ends the year; final from the next day', async () => {
    const { projections, clock } = await setup('2030-11-24T10:00:00.000Z');
    const during = await projections.annualReturn({ area: 'cumbria', reportingYear: '2030-31', format: '2008' });
    expect(during.provisional).toBe(true);
    expect(during.rows[0]!.cells).toEqual({ cat1: 1, cat2: 0, cat3: 0, total: 1 });
    expect(Object.keys(during)).toEqual(['area', 'reportingYear', 'format', 'knownAt', 'provisional', 'rows']);

    const text = returnAsText(during);
    expect(text.split('\n')[0]).toBe('MAPPA Statistical Information 2030/31 - Cumbria (provisional)');
    expect(text).toContain('Provisional: the reporting year 2030-31 ends on 31 March 2031; the figures "at 31 March" are those recorded so far and will change.');
    expect(text).toContain('Number of MAPPA eligible offenders at 31 March 2031');

    // 31 March 2031 is the last day of the year: still provisional (23:30 UTC is 00:30 on 1 April in London, BST).
    clock.set('2031-03-31T22:59:00.000Z');
    expect((await projections.annualReturn({ area: 'cumbria', reportingYear: '2030-31' })).provisional).toBe(true);
    clock.set('2031-03-31T23:30:00.000Z');
    const after = await projections.annualReturn({ area: 'cumbria', reportingYear: '2030-31', format: '2008' });
    expect(after.provisional).toBe(false);
    expect(returnAsText(after)).not.toContain('rovisional');
    expect(returnAsCsv(after)).toBe(returnAsCsv(during));
    await projections.close();
  });

  it('a past year is final; a return asked as known at an instant is provisional if its year had not ended that day', async () => {
    const { projections } = await setup('2030-11-24T10:00:00.000Z');
    expect((await projections.annualReturn({ area: 'cumbria', reportingYear: '2029-30' })).provisional).toBe(false);
    expect((await projections.annualReturn({ area: 'cumbria', reportingYear: '2031-32' })).provisional).toBe(true);
    const asSubmitted = await projections.annualReturn({ area: 'cumbria', reportingYear: '2030-31', knownAt: '2030-07-01T00:00:00.000Z' });
    expect(asSubmitted).toMatchObject({ knownAt: '2030-07-01T00:00:00.000Z', provisional: true });
    const later = await projections.annualReturn({ area: 'cumbria', reportingYear: '2029-30', knownAt: '2030-07-01T00:00:00.000Z' });
    expect(later.provisional).toBe(false);
    await projections.close();
  });
});

describe('GET /returns marks a year that has not ended as provisional, by the API clock', () => {
  it('JSON field and text layout', async () => {
    const { startApi, principal } = await import('../../http/support/api.js');
    const api = await startApi({ now: '2030-11-24T10:00:00.000Z' });
    try {
      const analyst = principal('analyst');
      const current = await api.as(analyst).get('/returns/2030-31?area=cumbria');
      expect(current.json()).toMatchObject({ reportingYear: '2030-31', provisional: true });
      expect((await api.as(analyst).get('/returns/2029-30?area=cumbria')).json()).toMatchObject({ provisional: false });
      const text = await api.as(analyst).get('/returns/2030-31?area=cumbria', { accept: 'text/plain' });
      expect(text.body).toContain('Provisional: the reporting year 2030-31 ends on 31 March 2031');
    } finally {
      await api.close();
    }
  });
});
