/**
 * A resource the configuration names could not be opened at start-up. The message says which
 * variable names it and where it points (a path, an address), so `unable to open database file`
 * becomes something an operator can act on. A connection string is never echoed: it may hold a
 * password (docs/CHECKS.md O2).
 */
class StartupFailure extends Error {
  constructor(
    readonly variable: string,
    readonly location: string | undefined,
    cause: unknown,
  ) {
    const message = cause instanceof Error ? cause.message : String(cause);
    super(`${message} (${variable}${location === undefined ? '' : `: ${location}`})`, { cause });
    this.name = 'StartupFailure';
  }
}

/** Runs `open`, turning a failure into a StartupFailure that names the variable and the location. */
export async function opening<T>(variable: string, location: string | undefined, open: () => T | Promise<T>): Promise<T> {
  try {
    return await open();
  } catch (error) {
    if (error instanceof StartupFailure) throw error;
    throw new StartupFailure(variable, location, error);
  }
}
