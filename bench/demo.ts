/**
 * `npm run demo`: a seeded synthetic history of Cumbria's MAPPA caseload, entered through the
 * command handler into a fresh SQLite store, projected, and the 2008-09 return printed in the
 * layout of the published report. Its figures are the report's own (seed/...-cumbria.txt).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCumbriaDemo } from './synthetic/cumbria-demo.js';

const dir = mkdtempSync(join(tmpdir(), 'mappa-demo-'));
const started = performance.now();
try {
  const { text, issued, storedEvents } = await runCumbriaDemo(dir);
  process.stdout.write(text);
  process.stdout.write(
    [
      '',
      `History: ${issued.cases} cases, ${issued.commands} commands accepted (${issued.unchanged} changed nothing), ` +
        `${storedEvents} events stored (${issued.events} case events, ${storedEvents - issued.events} population), ` +
        `entered from ${issued.firstDay} to ${issued.lastDay}.`,
      '',
    ].join('\n'),
  );
  // On stderr, so stdout is the same on every run.
  process.stderr.write(`(built, projected and answered in ${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
