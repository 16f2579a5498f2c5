/**
 * `npm run build:web` builds the web page into web/dist; `--if-stale` (run before `npm start`)
 * builds only when web/dist is missing or older than its sources.
 */
import { buildPage, buildPageIfStale, DIST } from './build-page.js';

const started = performance.now();
const ifStale = process.argv.includes('--if-stale');
const outcome = ifStale ? await buildPageIfStale() : (await buildPage(), 'built');
const seconds = ((performance.now() - started) / 1000).toFixed(1);
process.stderr.write(outcome === 'built' ? `web page built into ${DIST} in ${seconds} s\n` : 'web page up to date\n');
