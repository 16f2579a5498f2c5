/**
 * Concurrent calls on one Emmett store, as an application serving requests would make them. In
 * 0.38.5 the store shares one connection between the calls in flight and closes it when any of
 * them ends, so the others fail or never settle. Run in a child process of its own (the calls
 * left hanging hold sqlite3's threads and files); prints its outcome as one JSON line and exits.
 *
 * Usage: node --import tsx bench/peers/emmett/concurrent-calls.ts <database file> <writers>
 */
import { emmettStore, type EmmettSqlite } from './emmett-stores.js';
import { ensureEmmettInstalled } from './install.js';

export type ConcurrentCallsOutcome = { readonly ok: number; readonly failed: number; readonly hung: number; readonly first: string };

const APPENDS_PER_WRITER = 3;
const PATIENCE_MS = 2_000;

async function probe(emmett: EmmettSqlite, fileName: string, writers: number): Promise<ConcurrentCallsOutcome> {
  const store = emmettStore(emmett, fileName);
  const outcome = { ok: 0, failed: 0, hung: 0, first: '' };
  await Promise.all(
    Array.from({ length: writers }, async (_, writer) => {
      let version: number | undefined;
      for (let attempt = 0; attempt < APPENDS_PER_WRITER; attempt++) {
        let timer: NodeJS.Timeout | undefined;
        const hung = new Promise<'hung'>((resolve) => (timer = setTimeout(() => resolve('hung'), PATIENCE_MS)));
        try {
          const result = await Promise.race([store.append(`concurrent-${writer}`, version), hung]);
          if (result === 'hung') return void outcome.hung++;
          version = result;
          outcome.ok++;
        } catch (error) {
          outcome.failed++;
          outcome.first ||= error instanceof Error ? error.message : String(error);
          return;
        } finally {
          clearTimeout(timer);
        }
      }
    }),
  );
  return outcome;
}

const [fileName, writers] = process.argv.slice(2);
const installed = ensureEmmettInstalled();
if (!installed.ok || fileName === undefined) {
  process.stderr.write(`${installed.ok ? 'usage: concurrent-calls.ts <file> <writers>' : installed.reason}\n`);
  process.exit(2);
}
// Emmett prints each failed transaction with console.log; the outcome counts them.
console.log = () => undefined;
const outcome = await probe(installed.require('@event-driven-io/emmett-sqlite') as EmmettSqlite, fileName, Number(writers ?? 16));
process.stdout.write(`${JSON.stringify(outcome)}\n`);
process.exit(0);
