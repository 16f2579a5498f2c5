import { userInfo } from 'node:os';
import { z } from 'zod';
import { agency } from '../../domain/shared/agencies.js';
import { actor, type Actor, type Role } from '../auth/actor.js';
import { parseOptions } from './options.js';

/** `--actor` and `--agency`, as an operator types them. */
export const actorOptions = z.object({
  actor: actor.shape.id.optional(),
  agency: agency.optional(),
});

/** The operator at the command line, as events and access records name them. */
export function cliActor(options: { readonly actor?: unknown; readonly agency?: unknown }, role: Role): Actor {
  const parsed = parseOptions(actorOptions, { actor: options.actor, agency: options.agency });
  return { id: parsed.actor ?? `cli:${safeUserName()}`, role, agency: parsed.agency ?? 'other' };
}

function safeUserName(): string {
  try {
    const name = z.string().min(1).max(190).safeParse(userInfo().username);
    return name.success ? name.data : 'operator';
  } catch {
    return 'operator';
  }
}
