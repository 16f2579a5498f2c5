/**
 * Runs the benchmark sections and prints one table. A section is an async function returning
 * rows; add one by appending to SECTIONS. `npm run bench -- <word>` runs the sections whose
 * title contains the word.
 */
import { bigCasesSection } from './big-cases.js';
import { commandHandlerSection } from './command-handler.js';
import { eventStoreDbAdapterSection } from './eventstoredb-adapter.js';
import { knownAtSection } from './known-at.js';
import { heavyReadsSection } from './heavy-reads.js';
import { httpSection } from './http.js';
import { nationalScaleSection } from './national-scale.js';
import { peersSection } from './peers.js';
import { sealingSection } from './sealing.js';
import { sqliteAppendSection } from './sqlite-append.js';

export type BenchRow = {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  /** Against the section's baseline, when it has one. */
  readonly ratio?: number;
  readonly note?: string;
};

export type BenchSection = { readonly title: string; readonly run: () => Promise<readonly BenchRow[]> };

const SECTIONS: readonly BenchSection[] = [
  { title: 'SQLite append', run: sqliteAppendSection },
  { title: 'Command handler on SQLite', run: commandHandlerSection },
  { title: 'Personal data: the cost of sealing on the command path', run: sealingSection },
  { title: 'EventStoreDB adapter against the in-process test server', run: eventStoreDbAdapterSection },
  { title: 'HTTP API under load (autocannon)', run: httpSection },
  { title: 'Big cases: a 5,000-event case against a 10-event case', run: bigCasesSection },
  { title: 'National scale: 42 areas, rebuild and returns', run: nationalScaleSection },
  { title: 'Returns as known at an instant: the known-at index against the fold', run: knownAtSection },
  { title: 'Heavy reads beside /health/live', run: heavyReadsSection },
  { title: "Peers: Emmett's SQLite event store beside this engine's, same workload", run: peersSection },
];

function format(value: number): string {
  if (Number.isNaN(value)) return '-';
  if (value >= 100) return Math.round(value).toLocaleString('en-GB');
  return value.toPrecision(3);
}

function printTable(title: string, rows: readonly BenchRow[]): void {
  const cells = rows.map((row) => [row.name, format(row.value), row.unit, row.ratio === undefined ? '' : `${row.ratio.toFixed(2)}x`, row.note ?? '']);
  const header = ['measure', 'value', 'unit', 'ratio', 'note'];
  const widths = header.map((_, column) => Math.max(header[column]!.length, ...cells.map((cell) => cell[column]!.length)));
  const line = (cell: readonly string[]) =>
    cell.map((text, column) => (column === 1 || column === 3 ? text.padStart(widths[column]!) : text.padEnd(widths[column]!))).join('  ').trimEnd();
  console.log(`\n## ${title}\n`);
  console.log(line(header));
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  for (const cell of cells) console.log(line(cell));
}

const filter = process.argv[2]?.toLowerCase();
for (const section of SECTIONS) {
  if (filter !== undefined && !section.title.toLowerCase().includes(filter)) continue;
  printTable(section.title, await section.run());
}
