import type { AnnualReturn } from './return-types.js';

const quote = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

/** One line per cell (RFC 4180): rows have different cells, so the table is long, not wide. */
export function returnAsCsv(result: AnnualReturn): string {
  const lines = ['area,reportingYear,format,knownAt,row,label,cell,value'];
  for (const row of result.rows) {
    for (const [cell, value] of Object.entries(row.cells)) {
      lines.push([result.area, result.reportingYear, result.format, result.knownAt ?? '', row.id, row.label, cell, value === null ? '' : String(value)].map(quote).join(','));
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}
