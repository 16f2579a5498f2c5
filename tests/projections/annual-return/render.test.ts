import { describe, expect, it } from 'vitest';
import { returnAsCsv } from '../../../src/projections/annual-return/render-csv.js';
import { returnAsText } from '../../../src/projections/annual-return/render-text.js';
import { referred } from '../../domain/case/support/builders.js';
import { given } from './given-cases.js';

describe('rendering a return', () => {
  const cases = [[referred({ localUnit: 'North, "old" BCU' })], [referred({ level: 2 })]];

  it('CSV: one line per cell, quoted where needed (RFC 4180)', () => {
    const csv = returnAsCsv(given(...cases).returnFor('2008-09').result);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('area,reportingYear,format,knownAt,row,label,cell,value');
    expect(lines).toContain('cumbria,2008-09,2008,,R01,Number of MAPPA eligible offenders at 31 March,cat1,2');
    expect(lines).toContain('cumbria,2008-09,2008,,R08,Further data on Registered Sexual Offenders in,"North, ""old"" BCU",1');
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('text: the report layout, with names for every cell of both formats', () => {
    const text2008 = returnAsText(given(...cases).returnFor('2008-09', 'cumbria', { populations: { cumbria: 100_000 } }).result);
    expect(text2008).toContain('MAPPA Statistical Information 2008/9 - Cumbria\n');
    expect(text2008).toContain('Number of MAPPA eligible offenders at 31 March 2009\nRegistered Sexual Offenders\t2\n');
    expect(text2008).toContain('per 100,000 head of population\n\n2\n');
    const text2015 = returnAsText(given(...cases).returnFor('2015-16').result);
    expect(text2015).toContain('MAPPA Statistical Information 2015/16 - Cumbria\n');
    expect(text2015).toContain('Registered Sexual Offenders, level 2\t1\n');
    expect(text2015).toContain('Full Sexual Harm Prevention Orders\t0\n');
    expect(text2015).not.toMatch(/cat\dLevel\d|shpo|licenceLevel/);
  });
});
