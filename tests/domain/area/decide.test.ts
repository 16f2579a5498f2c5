import { describe, expect, it } from 'vitest';
import { areaOf, decide, evolve, initialState, type RecordAreaPopulation } from '../../../src/domain/area/decide.js';
import type { AreaEvent } from '../../../src/domain/area/events.js';

const record = (overrides: Partial<RecordAreaPopulation> = {}): RecordAreaPopulation => ({
  type: 'RecordAreaPopulation', area: 'cumbria', reportingYear: '2008-09', population: 496_200, basis: 'all-ages', source: 'ONS mid-2008', ...overrides,
});
const recorded = (command: RecordAreaPopulation): AreaEvent => {
  const { type: _type, ...figure } = command;
  return { type: 'AreaPopulationRecorded', ...figure };
};

describe('the area decider: given recorded populations, when one is recorded, then events', () => {
  it('records a first figure for a year', () => {
    expect(decide(record(), initialState)).toEqual([recorded(record())]);
  });

  it('records nothing when the same figure, basis and source are already the latest for that year', () => {
    expect(decide(record(), areaOf([recorded(record())]))).toEqual([]);
  });

  it('records a corrected figure, another basis or another source', () => {
    const given = areaOf([recorded(record())]);
    for (const change of [{ population: 496_300 }, { basis: 'aged-10-plus' as const }, { source: 'ONS revised' }]) {
      expect(decide(record(change), given)).toEqual([recorded(record(change))]);
    }
  });

  it('compares with the latest record of that year only', () => {
    const given = areaOf([recorded(record()), recorded(record({ population: 1 })), recorded(record({ reportingYear: '2009-10' }))]);
    expect(decide(record(), given)).toEqual([recorded(record())]);
    expect(decide(record({ population: 1 }), given)).toEqual([]);
  });

  it('evolve keeps the latest figure of each year', () => {
    const state = evolve(evolve(initialState, recorded(record())), recorded(record({ population: 7 })));
    expect(state.populations.get('2008-09')?.population).toBe(7);
    expect(initialState.populations.size).toBe(0);
  });
});
