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
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`mappa: unexpected error: ${message}\n`);
  process.exit(1);
}
