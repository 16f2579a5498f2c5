import type { FastifyPluginAsync } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { signingSecret } from '../auth/jwt-key.js';
import type { Config } from '../config.js';
import { sessionRoutes } from '../http/routes/session.js';
import { webPageRoutes } from './page.js';
import { signInAsRoutes, type SignInAsOptions } from './sign-in-as.js';

type WebOptions = {
  /** Outside production only: the secret `POST /dev/tokens` signs with; absent, the route does not exist. */
  readonly signInAs?: SignInAsOptions;
  readonly distDir?: string;
};

/** The web page, the session it asks about, and in development the "sign in as" route. */
export function webRoutes(options: WebOptions): (FastifyPluginAsync | FastifyPluginAsyncZod)[] {
  return [
    sessionRoutes(),
    webPageRoutes(options.distDir !== undefined ? { distDir: options.distDir } : {}),
    ...(options.signInAs !== undefined ? [signInAsRoutes(options.signInAs)] : []),
  ];
}

/** "Sign in as" exists outside production, where this engine holds the secret tokens are signed with. */
export function webOptionsFor(config: Config): WebOptions {
  if (config.env === 'production') return {};
  const secret = signingSecret(config);
  return secret === undefined ? {} : { signInAs: { secret, issuer: config.jwt.issuer, audience: config.jwt.audience } };
}
