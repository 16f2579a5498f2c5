import { describe, expect, it } from 'vitest';
import { ev, referred } from '../../domain/case/support/builders.js';
import { given } from './given-cases.js';

describe('the return over time: recorded late, known at, areas', () => {
  const lateRecall = [
    referred({ occurredOn: '2008-01-05', inCustody: true, level: 2 }),
    ev('ReleasedFromCustody', '2008-02-01', { licenceEnds: '2010-02-01' }),
    // Dated inside 2008-09, recorded in May 2009 after the return was submitted.
    { ...ev('LicenceRecalled', '2009-03-01', {}), recordedAt: '2009-05-20T09:00:00.000Z' },
  ];

  it('a recall recorded after the year ended but dated inside it counts in that year', () => {
    const { row } = given(lateRecall).returnFor('2008-09');
    expect(row('R04')).toEqual({ level2: 1, level3: 0, total: 1 });
    expect(row('R01')['total']).toBe(0);
  });

  it('with knownAt, the return is as it stood when submitted', () => {
    const { row, result } = given(lateRecall).returnFor('2008-09', 'cumbria', { knownAt: '2009-04-30T17:00:00.000Z' });
    expect(result.knownAt).toBe('2009-04-30T17:00:00.000Z');
    expect(row('R04')).toEqual({ level2: 0, level3: 0, total: 0 });
    expect(row('R01')['total']).toBe(1);
  });

  it('England and Wales sums the areas, R08 names units by area', () => {
    const cumbria = [referred({ localUnit: 'North BCU' })];
    const durham = [referred({ area: 'durham', localUnit: 'North BCU' })];
    const { row } = given(cumbria, durham, durham).returnFor('2008-09', 'england-and-wales');
    expect(row('R01')).toEqual({ cat1: 3, cat2: 0, cat3: 0, total: 3 });
    expect(row('R08')).toEqual({ 'cumbria/North BCU': 1, 'durham/North BCU': 2 });
  });

  it('the national rate needs every area population', () => {
    const everyArea = Object.fromEntries(
      ['avon-and-somerset', 'bedfordshire', 'cambridgeshire', 'cheshire', 'cumbria', 'derbyshire', 'devon-and-cornwall', 'dorset', 'durham', 'dyfed-powys', 'essex',
        'gloucestershire', 'greater-manchester', 'gwent', 'hampshire', 'hertfordshire', 'humberside', 'kent', 'lancashire', 'leicestershire', 'lincolnshire', 'london',
        'merseyside', 'norfolk', 'north-wales', 'north-yorkshire', 'northamptonshire', 'northumbria', 'nottinghamshire', 'south-wales', 'south-yorkshire',
        'staffordshire', 'suffolk', 'surrey', 'sussex', 'teesside', 'thames-valley', 'warwickshire', 'west-mercia', 'west-midlands', 'west-yorkshire', 'wiltshire',
      ].map((a) => [a, 2_380]),
    );
    const cases = [[referred()], [referred({ area: 'london' })]];
    expect(given(...cases).returnFor('2008-09', 'england-and-wales', { populations: everyArea }).row('R09')).toEqual({ rate: 2 });
    const { london: _missing, ...allButOne } = everyArea;
    expect(given(...cases).returnFor('2008-09', 'england-and-wales', { populations: allButOne }).row('R09')).toEqual({ rate: null });
  });
});
