import type { Command, Option } from 'commander';
import { z } from 'zod';
import { CliFailure } from './fail.js';

/** `asOf` → `--as-of`: the option as the operator typed it. */
const optionFlag = (key: string) => `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/** A zod issue as the words after the option's name: enumerations list what is allowed. */
export function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_value') return `must be one of ${issue.values.map(String).join(', ')}`;
  if (issue.code === 'too_big' && issue.origin === 'string') return `must be at most ${String(issue.maximum)} characters`;
  if (issue.code === 'too_small' && issue.origin === 'string') return `must be at least ${String(issue.minimum)} character${Number(issue.minimum) === 1 ? '' : 's'}`;
  return issue.message;
}

/** Options checked against a schema; the first problem is one line naming the option, exit 2. */
export function parseOptions<S extends z.ZodType>(schema: S, options: unknown): z.infer<S> {
  const parsed = schema.safeParse(options);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new CliFailure(`${optionFlag(String(issue.path[0] ?? 'options'))}: ${describeIssue(issue)}`, 2);
}

/** The allowed values an option's help names (`a | b | c`), for a message about it. */
function allowedValues(option: Option | undefined): string {
  if (option === undefined) return '';
  if (option.argChoices) return ` (one of ${option.argChoices.join(', ')})`;
  return / \| /.test(option.description) ? ` (one of ${option.description.split(' | ').join(', ')})` : ` (${option.description})`;
}

/**
 * Commander's own usage errors (a missing or unknown option, a bad choice, extra words) as one
 * line naming the option and what it takes, exit 2, instead of its message followed by the help.
 */
export function usageErrorsAsOneLine(command: Command): void {
  command.exitOverride((error) => {
    if (error.exitCode === 0) process.exit(0);
    // No command given: the help went to stderr already.
    if (error.code === 'commander.help') process.exit(2);
    const flag = /'(--?[a-z-]+)/.exec(error.message)?.[1];
    const option = command.options.find((o) => o.long === flag || o.short === flag);
    const message = error.message.replace(/^error: /, '').replace(/\n.*/s, '');
    const hint =
      error.code === 'commander.excessArguments'
        ? `: ${command.args.join(' ')}. An unquoted * is expanded by the shell into file names: quote it ('*')`
        : error.code === 'commander.unknownOption' || error.code === 'commander.unknownCommand'
          ? `; see mappa ${command.name() === 'mappa' ? '' : `${command.name()} `}--help`
          : error.code === 'commander.invalidArgument'
            ? ''
            : allowedValues(option);
    throw new CliFailure(`${command.name() === 'mappa' ? '' : `${command.name()}: `}${message}${hint}`, 2);
  });
  command.configureOutput({ outputError: () => undefined });
  for (const sub of command.commands) usageErrorsAsOneLine(sub);
}
