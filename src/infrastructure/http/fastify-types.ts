import type { Action, Scope } from '../auth/policy.js';
import type { Principal } from '../auth/principal.js';
import type { TokenRefusal } from '../auth/verify-token.js';

/** What the authorize hook granted for this request: the route's action and its scope. */
export type Grant = { readonly action: Action; readonly scope: Scope };

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The action of docs/DOMAIN.md section 9 this route performs; a function when it depends on
     * the request (a past state is `case:read-past`). A route without one is denied to
     * everyone unless it is in ANONYMOUS_ROUTES.
     */
    action?: Action | ((request: FastifyRequest) => Action);
    /** Media types the route also answers in (by Accept), with what each holds: for the OpenAPI document. */
    alternativeMedia?: Readonly<Record<string, string>>;
  }
  interface FastifyRequest {
    /** The verified token's subject; null when no valid token was given. */
    principal: Principal | null;
    tokenRefusal: TokenRefusal | null;
    grant: Grant | null;
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The event store, for route plugins added by `buildApp({ routes })`. */
    store: import('../eventstore/eventstore.js').EventStore;
    clock: import('../clock.js').Clock;
    /** Append an access record before answering with case-level data (see `recordCaseDataRead`). */
    accessLog: import('../access-log/writer.js').AccessLog;
    registeredRoutes: readonly import('./app.js').RegisteredRoute[];
  }
}
