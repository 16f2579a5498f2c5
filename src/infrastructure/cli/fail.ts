import { ZodError } from 'zod';

/** Command-line failures: one line on stderr, then the exit code. */
export class CliFailure extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliFailure';
  }
}

export function exitWith(error: unknown): never {
  if (error instanceof CliFailure) {
    process.stderr.write(`mappa: ${error.message}\n`);
    process.exit(error.exitCode);
  }
  // An input no option check caught: still one line naming what was wrong, as a usage error.
  if (error instanceof ZodError) {
    const issue = error.issues[0];
    process.stderr.write(`mappa: ${issue ? `${issue.path.join('.') || 'input'}: ${issue.message}` : 'invalid input'}\n`);
    process.exit(2);
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`mappa: unexpected error: ${message}\n`);
  process.exit(1);
}
