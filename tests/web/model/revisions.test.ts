import { describe, expect, it } from 'vitest';
import { cellKey, revisedCells, revisionsNote, type Revisions } from '../../../web/src/model/revisions.js';

/** A revisions answer in the shape docs/DOMAIN.md section 11 gives it (the route itself lands with corrections). */
const revisions: Revisions = {
  submission: { submissionId: 'sub-1', knownAt: '2009-05-01T12:00:00.000Z', digest: 'abc' },
  changes: [
    { rowId: 'R01', cell: 'cat1', submitted: 290, current: 291, causes: { lateRecords: 1, retractions: 0, corrections: 0, backdated: 0 } },
    { rowId: 'R01', cell: 'total', submitted: 341, current: 342, causes: { lateRecords: 1, retractions: 0, corrections: 0, backdated: 0 } },
    { rowId: 'R10', cell: 'count', submitted: 8, current: 7, causes: { lateRecords: 0, retractions: 1, corrections: 0, backdated: 2 } },
  ],
  scale: { cellsChanged: 3, absoluteDifference: 3 },
};

describe('revised figures and the revisions note (docs/DOMAIN.md section 11)', () => {
  it('marks exactly the cells whose current figure differs from the submitted one', () => {
    expect([...revisedCells(revisions)].sort()).toEqual([cellKey('R01', 'cat1'), cellKey('R01', 'total'), cellKey('R10', 'count')].sort());
    expect(revisedCells({ ...revisions, changes: [{ ...revisions.changes[0]!, current: 290 }] }).size).toBe(0);
    expect(revisedCells(null).size).toBe(0);
  });

  it('says the scale, nature and cause of the revisions', () => {
    expect(revisionsNote(revisions)).toBe(
      'Figures marked (R) are revised since the return submitted at 2009-05-01T12:00:00.000Z. 3 figures have changed, by 3 in all. ' +
        'Causes: 2 records made late, 2 backdated records, 1 retraction.',
    );
  });

  it('says nothing when nothing was revised or there are no revisions', () => {
    expect(revisionsNote(null)).toBeNull();
    expect(revisionsNote({ ...revisions, changes: [], scale: { cellsChanged: 0, absoluteDifference: 0 } })).toBeNull();
  });
});
