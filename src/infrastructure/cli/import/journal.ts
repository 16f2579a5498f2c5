import { appendFileSync, existsSync, readFileSync } from 'node:fs';

/**
 * What earlier runs of an import learned that the store cannot say: how often each line was
 * refused. A line is known by its content and its occurrence (the nth line of that content in
 * the file), never its number, so lines moved or added elsewhere keep their keys. A line's
 * Idempotency-Key includes that count, so a re-run replays lines already accepted (writing
 * nothing twice) and retries refused ones with a fresh key. One JSON object per line, appended;
 * `line` is there for a reader.
 */
type JournalEntry = { readonly hash: string; readonly occurrence: number; readonly line: number; readonly code: string };

export class ImportJournal {
  readonly #failures = new Map<string, number>();

  private constructor(readonly path: string) {}

  static open(path: string): ImportJournal {
    const journal = new ImportJournal(path);
    if (existsSync(path)) {
      for (const text of readFileSync(path, 'utf8').split('\n')) {
        if (text.trim() === '') continue;
        try {
          const entry = JSON.parse(text) as Partial<JournalEntry>;
          // Entries without an occurrence were keyed by line number (an earlier version): they name no line now.
          if (typeof entry.hash === 'string' && typeof entry.occurrence === 'number') journal.#count(entry.hash, entry.occurrence);
        } catch {
          // A torn last line from an interrupted run: that failure is simply counted again next time.
        }
      }
    }
    return journal;
  }

  /** How many earlier runs refused this occurrence of this content. */
  failuresOf(hash: string, occurrence: number): number {
    return this.#failures.get(`${hash}:${occurrence}`) ?? 0;
  }

  recordFailure(entry: JournalEntry): void {
    appendFileSync(this.path, `${JSON.stringify(entry)}\n`);
    this.#count(entry.hash, entry.occurrence);
  }

  #count(hash: string, occurrence: number): void {
    const key = `${hash}:${occurrence}`;
    this.#failures.set(key, (this.#failures.get(key) ?? 0) + 1);
  }
}
