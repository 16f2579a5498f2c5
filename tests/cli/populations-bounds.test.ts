import { afterEach, describe, expect, it } from 'vitest';
import { SAFE_TEXT_RULE } from '../../src/domain/shared/safe-text.js';
import { importPopulations } from '../../src/infrastructure/cli/populations/import-populations.js';
import { allEvents, startApi, type TestApi } from '../http/support/api.js';

const operator = { id: 'ops-1', role: 'admin', agency: 'other' } as const;

/** The import takes what PUT /areas/{area}/population/{reportingYear} takes, no more. */
describe('mappa populations import: the wire format bounds', () => {
  let api: TestApi | undefined;
  afterEach(() => api?.close());

  it('free text: a source with a line break or a bidi override, or a year beyond 2199-00, fails its row naming the column', async () => {
    api = await startApi();
    const text = [
      'area,reportingYear,basis,population,source',
      'cumbria,2008-09,all-ages,491500,"ONS mid-2008\r\nInjected: line"',
      'cumbria,2009-10,all-ages,491500,ONS \u202egnp.exe',
      'cumbria,2300-01,all-ages,491500,ONS',
      'cumbria,2010-11,all-ages,491500,ONS mid-2010',
    ].join('\n');
    const report = await importPopulations(text, { store: api.store, clock: api.clock, actor: operator, correlationId: 'bounds' });
    expect(report.failures).toEqual([
      { line: 2, message: `source: ${SAFE_TEXT_RULE}` },
      { line: 4, message: `source: ${SAFE_TEXT_RULE}` },
      { line: 5, message: 'reportingYear: must be a reporting year from 1900-01 to 2199-00' },
    ]);
    expect(report.recorded).toBe(1);
    expect((await allEvents(api.store)).map((e) => e.data['reportingYear'])).toEqual(['2010-11']);
  });
});
