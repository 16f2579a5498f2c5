import type { Actor } from '../auth/actor.js';
import type { AreaScope } from '../auth/principal.js';

/** Who asks for a command, and on what conditions. */
export type CommandContext = {
  readonly actor: Actor;
  /**
   * The areas the caller covers (the token's `areas`; `*` for an operator at the command line):
   * a case outside them is answered as absent, and a command must not change another area's
   * records (README, "Who may do what").
   */
  readonly areas: AreaScope;
  /** The server's id of the request, stored as each event's correlation id. */
  readonly correlationId?: string;
  /** The caller's own request id (X-Request-Id), kept beside ours, never as ours. */
  readonly clientRequestId?: string;
  /** If-Match: append only if the case is at this version (-1: the case must not exist). */
  readonly expectedVersion?: number;
  readonly idempotencyKey?: string;
};

/** A request under an Idempotency-Key: the key's id (per subject) and the request's hash. */
export type KeyedRequest = { readonly keyId: string; readonly requestHash: string };
