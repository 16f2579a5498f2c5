import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { caseCommand, type CaseCommand } from '../../../domain/case/commands.js';
import { caseId } from '../../../domain/shared/ids.js';
import type { Actor } from '../../auth/actor.js';
import type { CaseCommandHandler } from '../../command-handler/handle-case-command.js';
import type { HandledCommand } from '../../command-handler/outcome.js';
import type { ImportJournal } from './journal.js';

/** One line of an import file. */
const importLine = z.strictObject({ caseId, command: caseCommand });

/** A line as its Idempotency-Key knows it: content and occurrence, not position. */
type LineKey = { readonly hash: string; readonly occurrence: number };

type LineFailure = { readonly line: number; readonly caseId: string | null; readonly code: string; readonly message: string };

export type ImportReport = {
  readonly lines: number;
  /** Accepted now (with or without events). */
  readonly accepted: number;
  /** Already accepted by an earlier run: replayed, nothing written. */
  readonly alreadyImported: number;
  readonly failures: readonly LineFailure[];
};

type ImportOptions = {
  readonly file: string;
  readonly handle: CaseCommandHandler;
  readonly actor: Actor;
  readonly journal: ImportJournal;
  /** Commands of different cases run concurrently up to this many; one case's lines run in file order. */
  readonly concurrency?: number;
  readonly onLine?: () => void;
};

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** JSON with object keys sorted: the same content hashes the same however the line was written. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .flatMap((issue) => {
      const path = issue.path.join('.');
      if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => `${path === '' ? key : `${path}.${key}`}: is not a known field`);
      return [`${path === '' ? '(line)' : path}: ${issue.message}`];
    })
    .join('; ');
}

function failureOf(handled: HandledCommand): { code: string; message: string } | null {
  switch (handled.kind) {
    case 'accepted':
      return null;
    case 'refused':
      return { code: handled.code, message: handled.message };
    case 'version-mismatch':
      return { code: 'version-mismatch', message: `expected version ${handled.expected}, the case is at ${handled.actual}` };
    case 'conflict':
      return { code: 'conflict', message: `the case kept changing; gave up after ${handled.attempts} attempts` };
    case 'idempotency-key-reused':
      return { code: 'idempotency-key-reused', message: 'the line key was used for another command' };
    case 'area-not-permitted':
      return { code: 'area-not-permitted', message: 'the command would change the records of an area the importer does not cover' };
  }
}

/** Counts the lines of a file, for the progress bar. */
export async function countLines(file: string): Promise<number> {
  let count = 0;
  for await (const _ of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) count++;
  return count;
}

/**
 * Runs each line `{ "caseId", "command" }` through the command handler, as `actor`, under an
 * Idempotency-Key derived from the line's content, its occurrence among identical lines and
 * earlier refusals (journal.ts): moving lines, or adding some, changes no line's key.
 * Blank lines are skipped. Store faults are not line failures: they reject, and a re-run resumes.
 */
export async function importCommands(options: ImportOptions): Promise<ImportReport> {
  const concurrency = Math.max(1, options.concurrency ?? 16);
  const failures: LineFailure[] = [];
  let lines = 0;
  let accepted = 0;
  let alreadyImported = 0;
  const tails = new Map<string, Promise<void>>();
  const running = new Set<Promise<void>>();
  let fault: unknown;

  const fail = (failure: LineFailure, key: LineKey) => {
    failures.push(failure);
    options.journal.recordFailure({ ...key, line: failure.line, code: failure.code });
  };
  // How often each content has been seen so far in this file: the nth identical line is occurrence n.
  const seen = new Map<string, number>();
  const keyOf = (content: string): LineKey => {
    const hash = sha256(content);
    const occurrence = (seen.get(hash) ?? 0) + 1;
    seen.set(hash, occurrence);
    return { hash, occurrence };
  };

  async function run(lineNumber: number, key: LineKey, id: string, command: CaseCommand): Promise<void> {
    const attempt = options.journal.failuresOf(key.hash, key.occurrence);
    const handled = await options.handle(id, command, {
      actor: options.actor,
      // An operator at the command line imports into any area.
      areas: '*',
      idempotencyKey: `import:${key.hash.slice(0, 32)}:${key.occurrence}:${attempt}`,
    });
    const failure = failureOf(handled);
    if (failure !== null) fail({ line: lineNumber, caseId: id, ...failure }, key);
    else if (handled.replayed) alreadyImported++;
    else accepted++;
  }

  const input = createInterface({ input: createReadStream(options.file), crlfDelay: Infinity });
  let lineNumber = 0;
  for await (const raw of input) {
    lineNumber++;
    if (fault !== undefined) break;
    const text = raw.trim();
    if (text === '') {
      options.onLine?.();
      continue;
    }
    lines++;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      fail({ line: lineNumber, caseId: null, code: 'invalid-json', message: 'the line is not valid JSON' }, keyOf(text));
      options.onLine?.();
      continue;
    }
    // The key: what the line says (its case included) and which occurrence of it this is.
    const key = keyOf(canonicalJson(value));
    const parsed = importLine.safeParse(value);
    if (!parsed.success) {
      const given = (value as { caseId?: unknown } | null)?.caseId;
      fail({ line: lineNumber, caseId: typeof given === 'string' ? given : null, code: 'invalid-command', message: describeIssues(parsed.error) }, key);
      options.onLine?.();
      continue;
    }
    while (running.size >= concurrency) await Promise.race(running);
    const { caseId: id, command } = parsed.data;
    const number = lineNumber;
    const task: Promise<void> = (tails.get(id) ?? Promise.resolve())
      .then(() => (fault === undefined ? run(number, key, id, command) : undefined))
      .catch((error: unknown) => {
        fault ??= error;
      })
      .finally(() => {
        running.delete(task);
        if (tails.get(id) === task) tails.delete(id);
        options.onLine?.();
      });
    tails.set(id, task);
    running.add(task);
  }
  await Promise.all(running);
  if (fault !== undefined) throw fault;
  failures.sort((a, b) => a.line - b.line);
  return { lines, accepted, alreadyImported, failures };
}
