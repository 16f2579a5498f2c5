import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { createJsonSchemaTransform } from 'fastify-type-provider-zod';
import { documentResponses } from './openapi/document-responses.js';
import { describeSchemasForOpenApi } from './openapi/schema-metadata.js';
import { swaggerUiInlineStyleHashes } from './openapi/swagger-ui-styles.js';

const DOCS_PREFIX = '/docs';

/**
 * The documentation pages' own policy. Swagger UI's scripts insert one small stylesheet of their
 * own (the logo's colours): it is allowed by its hash, computed from the installed scripts, and
 * nothing else inline is.
 */
export const DOCS_CSP =
  "default-src 'self'; base-uri 'self'; connect-src 'self'; font-src 'self' data:; form-action 'self'; frame-ancestors 'none'; " +
  `img-src 'self' data:; object-src 'none'; script-src 'self'; script-src-attr 'none'; style-src 'self' ${swaggerUiInlineStyleHashes().map((h) => `'${h}'`).join(' ')}`.trimEnd();

const zodTransform = createJsonSchemaTransform({ skipList: [] });

/**
 * The OpenAPI document, generated from the routes' zod schemas, at /docs/json (and /docs/yaml),
 * with Swagger UI at /docs. Registered before any route so that every route is listed (O3).
 */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  describeSchemasForOpenApi();
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'mappa-engine',
        description: 'Event-sourced engine for MAPPA cases: commands, reads, the access log. Errors are application/problem+json (RFC 9457).',
        version: '0.1.0',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
      security: [{ bearer: [] }],
    },
    transform: (input) => documentResponses(zodTransform(input) as Parameters<typeof documentResponses>[0], input.route.config?.alternativeMedia),
  });
  await app.register(swaggerUi, {
    routePrefix: DOCS_PREFIX,
    // Swagger UI loads its own scripts and styles (no inline code), so its pages get a CSP of
    // their own that allows this origin and nothing else; no call-out to a schema validator.
    staticCSP: DOCS_CSP,
    uiConfig: { validatorUrl: null },
  });
}
