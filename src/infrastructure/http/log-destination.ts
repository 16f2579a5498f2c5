import { write, writeSync } from 'node:fs';
import type { DestinationStream } from 'pino';

/** Log lines waiting to be written at most; past it new lines are dropped (a reader that cannot keep up). */
const MAX_PENDING_BYTES = 4 * 1024 * 1024;
const RETRY_BUSY_MS = 10;

/**
 * Where the application log goes (stdout by default). Lines are written in order, in the
 * background. Logging must never take the service down: a write that fails (a full disk,
 * ENOSPC; a closed pipe, EPIPE; any other error) loses its lines, which are counted, and the
 * next line is tried afresh; nothing is thrown or emitted. Whatever is still waiting when the
 * process exits is written then, synchronously, if it can be.
 */
class LogDestination implements DestinationStream {
  #pending: Buffer[] = [];
  #pendingBytes = 0;
  #writing = false;
  #dropped = 0;

  constructor(private readonly fd = 1) {
    exitFlushes.add(this);
  }

  /** Lines lost to write errors or to a backlog over the limit. */
  get dropped(): number {
    return this.#dropped;
  }

  write(line: string): void {
    const bytes = Buffer.from(line, 'utf8');
    if (this.#pendingBytes + bytes.length > MAX_PENDING_BYTES) {
      this.#dropped++;
      return;
    }
    this.#pending.push(bytes);
    this.#pendingBytes += bytes.length;
    if (!this.#writing) this.#writeNext();
  }

  #writeNext(): void {
    if (this.#pending.length === 0) {
      this.#writing = false;
      return;
    }
    this.#writing = true;
    const lines = this.#pending.length;
    const chunk = lines === 1 ? this.#pending[0]! : Buffer.concat(this.#pending);
    this.#pending = [];
    this.#pendingBytes = 0;
    write(this.fd, chunk, 0, chunk.length, null, (error, written) => {
      if (error) {
        const busy = (error as NodeJS.ErrnoException).code === 'EAGAIN';
        if (busy) {
          this.#requeue(chunk);
          setTimeout(() => this.#writeNext(), RETRY_BUSY_MS).unref();
          return;
        }
        this.#dropped += lines;
      } else if (written < chunk.length) {
        this.#requeue(chunk.subarray(written));
      }
      this.#writeNext();
    });
  }

  #requeue(chunk: Buffer): void {
    this.#pending.unshift(chunk);
    this.#pendingBytes += chunk.length;
  }

  /** At exit: what is still waiting, synchronously, as far as it goes. */
  flushSync(): void {
    const chunk = Buffer.concat(this.#pending);
    this.#pending = [];
    this.#pendingBytes = 0;
    try {
      if (chunk.length > 0) writeSync(this.fd, chunk);
    } catch {
      // Nothing more can be done for the log at exit.
    }
  }
}

const exitFlushes = new Set<LogDestination>();
process.once('exit', () => {
  for (const destination of exitFlushes) destination.flushSync();
});

let stdout: LogDestination | undefined;

/** The one destination of this process for stdout. */
export function stdoutDestination(): LogDestination {
  stdout ??= new LogDestination(1);
  return stdout;
}
