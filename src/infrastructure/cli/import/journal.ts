import { appendFileSync, existsSync, readFileSync } from 'node:fs';

/**
 * What earlier runs of an import learned that the store cannot say: how often each line
 * (by number and content) was refused. A line's Idempotency-Key includes that count, so a
 * re-run replays lines already accepted (writing nothing twice) and retries refused ones
 * with a fresh key. One JSON object per line, appended.
 */
export type JournalEntry = { readonly line: number; readonly hash: string; readonly code: string };

export class ImportJournal {
  readonly #failures = new Map<string, number>();

  private constructor(readonly path: string) {}

  static open(path: string): ImportJournal {
    const journal = new ImportJournal(path);
    if (existsSync(path)) {
      for (const text of readFileSync(path, 'utf8').split('\n')) {
        if (text.trim() === '') continue;
        try {
          const entry = JSON.parse(text) as JournalEntry;
          if (typeof entry.line === 'number' && typeof entry.hash === 'string') journal.#count(entry.line, entry.hash);
        } catch {
          // A torn last line from an interrupted run: that failure is simply counted again next time.
        }
      }
    }
    return journal;
  }

  /** How many earlier runs refused this line with this content. */
  failuresOf(line: number, hash: string): number {
    return this.#failures.get(`${line}:${hash}`) ?? 0;
  }

  recordFailure(entry: JournalEntry): void {
    appendFileSync(this.path, `${JSON.stringify(entry)}\n`);
    this.#count(entry.line, entry.hash);
  }

  #count(line: number, hash: string): void {
    const key = `${line}:${hash}`;
    this.#failures.set(key, (this.#failures.get(key) ?? 0) + 1);
  }
}
