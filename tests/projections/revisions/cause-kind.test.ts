import { describe, expect, it } from 'vitest';
import { classifyCause } from '../../../src/projections/revisions/cause-kind.js';
import { canonicalJson } from '../../../src/projections/revisions/canonical-json.js';

/** docs/DOMAIN.md section 11, as docs/DOMAIN.md words it: each command recorded after a submission that moved a figure is one cause of one kind. */
describe('the kind of a cause', () => {
  it('a record dated on or after the latest fact its case already had is a late record', () => {
    expect(classifyCause([{ type: 'NotificationBreachRecorded', occurredOn: '2009-02-01' }], '2006-05-01')).toBe('lateRecords');
    expect(classifyCause([{ type: 'NotificationBreachRecorded', occurredOn: '2009-02-01' }], '2009-02-01')).toBe('lateRecords');
    // A referral: nothing earlier in its case.
    expect(classifyCause([{ type: 'OffenderReferred', occurredOn: '2009-01-10' }], null)).toBe('lateRecords');
  });

  it('a command dated before the latest earlier event of its case is backdated, whichever of its events is earliest', () => {
    expect(classifyCause([{ type: 'TakenIntoCustody', occurredOn: '2009-01-15' }], '2009-03-01')).toBe('backdated');
    expect(classifyCause([{ type: 'MappMeetingRecorded', occurredOn: '2009-02-28' }, { type: 'ManagementLevelChanged', occurredOn: '2009-02-28' }], '2009-03-01')).toBe('backdated');
    expect(classifyCause([{ type: 'MappMeetingRecorded', occurredOn: '2009-03-02' }, { type: 'ManagementLevelChanged', occurredOn: '2009-03-02' }], '2009-03-01')).toBe('lateRecords');
  });

  it('once retractions exist: a retraction alone is a retraction, with a replacement (same command) a correction, whatever the dates', () => {
    expect(classifyCause([{ type: 'EventsRetracted' }], '2009-03-01')).toBe('retractions');
    expect(classifyCause([{ type: 'EventsRetracted' }, { type: 'TakenIntoCustody', occurredOn: '2008-01-01' }], '2009-03-01')).toBe('corrections');
  });
});

describe('canonical JSON, the digest input', () => {
  it('sorts keys at every depth, keeps array order and drops undefined', () => {
    expect(canonicalJson([{ id: 'R01', cells: { total: 2, cat1: 1 }, label: 'x' }, { b: undefined, a: null }])).toBe('[{"cells":{"cat1":1,"total":2},"id":"R01","label":"x"},{"a":null}]');
    expect(canonicalJson({ b: 1, a: 2 })).toBe(canonicalJson({ a: 2, b: 1 }));
  });
});
