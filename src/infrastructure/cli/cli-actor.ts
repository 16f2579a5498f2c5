import { userInfo } from 'node:os';
import { z } from 'zod';
import { agency } from '../../domain/shared/agencies.js';
import { actor, type Actor, type Role } from '../auth/actor.js';

/** The operator at the command line, as events and access records name them. */
export function cliActor(options: { readonly actor?: string | undefined; readonly agency?: string | undefined }, role: Role): Actor {
  const id = options.actor ?? `cli:${safeUserName()}`;
  return actor.parse({ id, role, agency: agency.parse(options.agency ?? 'other') });
}

function safeUserName(): string {
  try {
    return z.string().min(1).parse(userInfo().username);
  } catch {
    return 'operator';
  }
}
