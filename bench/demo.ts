/**
 * `npm run demo [-- <name>]`: a seeded synthetic history entered through the command handler
 * into a fresh SQLite store, projected, and figures of published tables read back from the
 * engine's returns.
 *   cumbria (the default): the 2008-09 return of the Cumbria report (tests/fixtures/reports/...-cumbria.txt).
 *   north-east: registered sexual offenders in the community on 31 March, 2010-11 to 2023-24,
 *   for durham, teesside and northumbria (MoJ MAPPA Area Tables).
 */
import { runCumbriaDemo } from './synthetic/cumbria-demo.js';
import { makeDemoDirectory } from './synthetic/demo-log.js';
import { runNorthEastDemo } from './synthetic/north-east-demo.js';

/** Each demo prints its text; one that compares its figures with published ones counts those that differ. */
const DEMOS: Readonly<Record<string, (dir: string) => Promise<{ readonly text: string; readonly differences?: number }>>> = {
  cumbria: (dir) => runCumbriaDemo(dir),
  'north-east': (dir) => runNorthEastDemo(dir),
};

const name = process.argv[2] ?? 'cumbria';
const demo = DEMOS[name];
if (demo === undefined) {
  process.stderr.write(`unknown demo "${name}": npm run demo [-- ${Object.keys(DEMOS).join(' | ')}]\n`);
  process.exit(2);
}

const dir = makeDemoDirectory();
const started = performance.now();
try {
  const { text, differences } = await demo(dir.path);
  process.stdout.write(text);
  // On stderr, so stdout is the same on every run.
  process.stderr.write(`(built, projected and answered in ${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
  if ((differences ?? 0) > 0) process.exitCode = 1;
} finally {
  dir.remove();
}
