import type { Action, Scope } from '../auth/policy.js';
import type { Principal } from '../auth/principal.js';
import type { TokenRefusal } from '../auth/verify-token.js';
import type { FastifyRequest } from 'fastify';

/** Every route the app serves, as registered (docs/CHECKS.md A1 and O3 list them from here). */
export type RegisteredRoute = {
  readonly method: string;
  readonly url: string;
  readonly action: Action | ((request: FastifyRequest) => Action) | undefined;
  /** Left out of the OpenAPI document (the documentation's own pages). */
  readonly hidden: boolean;
};

/** What the authorize hook granted for this request: the route's action and its scope. */
type Grant = { readonly action: Action; readonly scope: Scope };

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
    registeredRoutes: readonly RegisteredRoute[];
  }
}
