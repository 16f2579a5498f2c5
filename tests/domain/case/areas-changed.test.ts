import { describe, expect, it } from 'vitest';
import { areasChangedBy, areasOnDates } from '../../../src/domain/case/areas-changed.js';
import type { CaseCommand } from '../../../src/domain/case/commands.js';
import type { Case } from '../../../src/domain/case/state.js';
import { caseOn, timelineOf } from '../../../src/domain/case/timeline.js';
import { cmd, ev, referred } from './support/builders.js';
import { timelineFrom } from './support/given-when-then.js';

/** Referred in kent, charged there, transferred to cumbria on 2009-06-01. */
const timeline = timelineOf(
  [
    referred({ area: 'kent' }),
    ev('SeriousFurtherOffenceCharged', '2009-03-01', { chargeId: 'c-kent', offenceDate: '2009-02-01' }),
    ev('CaseTransferred', '2009-06-01', { toArea: 'cumbria' }),
    ev('SeriousFurtherOffenceCharged', '2009-07-01', { chargeId: 'c-cumbria', offenceDate: '2009-06-20' }),
  ].map((event, position) => ({ position, event })),
);

const areas = (command: CaseCommand) => areasChangedBy(command as Exclude<CaseCommand, { type: 'ReferOffender' }>, timeline, caseOn(timeline, command.occurredOn) as Case).sort();

describe('the areas whose records a command changes', () => {
  it('the area that managed the case on the command\'s date, the day of a transfer included', () => {
    expect(areas(cmd('SetManagementLevel', '2009-05-31', { level: 2 }))).toEqual(['kent']);
    expect(areas(cmd('SetManagementLevel', '2009-06-01', { level: 2 }))).toEqual(['cumbria']);
    expect(areas(cmd('TransferCase', '2009-04-01', { toArea: 'lancashire' }))).toEqual(['kent']);
  });

  it('for a charge, also the area on its offence date, where the return counts it', () => {
    expect(areas(cmd('ChargeSeriousFurtherOffence', '2009-08-01', { chargeId: 'c-2', offenceDate: '2009-05-01' }))).toEqual(['cumbria', 'kent']);
    expect(areas(cmd('ChargeSeriousFurtherOffence', '2009-08-01', { chargeId: 'c-2', offenceDate: '2009-07-01' }))).toEqual(['cumbria']);
  });

  it('for an outcome, the area of the charge\'s offence date; for a death, that of every open charge', () => {
    expect(areas(cmd('RecordSeriousFurtherOffenceOutcome', '2009-08-01', { chargeId: 'c-kent', outcome: 'convicted' }))).toEqual(['cumbria', 'kent']);
    expect(areas(cmd('RecordSeriousFurtherOffenceOutcome', '2009-08-01', { chargeId: 'c-cumbria', outcome: 'convicted' }))).toEqual(['cumbria']);
    expect(areas(cmd('RecordDeath', '2009-08-01', {}))).toEqual(['cumbria', 'kent']);
  });
});

describe('areasOnDates', () => {
  it('gives, in one walk, the area of the case at the end of each date, as caseOn does date by date', () => {
    const moves = timelineFrom([
      referred(),
      ev('CaseTransferred', '2009-01-01', { toArea: 'lancashire' }),
      ev('CaseTransferred', '2010-01-01', { toArea: 'durham' }),
    ]);
    const dates = ['2010-06-01', '2008-06-01', '2009-05-01', '2008-01-01', '2009-05-01'];
    const expected = new Set(dates.flatMap((d) => { const c = caseOn(moves, d); return c === null ? [] : [c.area]; }));
    expect(areasOnDates(moves, dates)).toEqual(expected);
    expect(areasOnDates(moves, ['2009-05-01'])).toEqual(new Set(['lancashire']));
    expect(areasOnDates(moves, ['2008-01-01'])).toEqual(new Set());
  });
});
