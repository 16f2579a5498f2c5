import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMAND_TYPES } from '../../src/domain/case/commands.js';
import { startApi, type TestApi } from './support/api.js';

type OpenApi = {
  openapi: string;
  paths: Record<string, Record<string, { security?: unknown[]; requestBody?: unknown; parameters?: { name: string; in: string }[]; responses?: Record<string, unknown> }>>;
  components: { securitySchemes: Record<string, unknown> };
};

/** docs/CHECKS.md O3: the OpenAPI document is generated from the zod schemas and lists every route. */
describe('O3: the OpenAPI document', () => {
  let api: TestApi;
  let doc: OpenApi;
  beforeAll(async () => {
    api = await startApi();
    const response = await api.anonymous.get('/docs/json');
    expect(response.statusCode).toBe(200);
    doc = response.json() as OpenApi;
  });
  afterAll(() => api.close());

  const openApiPath = (url: string) => url.replace(/:([A-Za-z]+)/g, '{$1}');

  it('lists every route the app serves (but the documentation pages themselves)', () => {
    const served = api.app.registeredRoutes.filter((r) => !r.hidden).map((r) => `${r.method.toLowerCase()} ${openApiPath(r.url)}`);
    const documented = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method} ${path}`));
    expect(served.length).toBeGreaterThanOrEqual(8);
    expect(documented.sort()).toEqual([...new Set(served)].sort());
  });

  it('carries the command catalogue from the zod schema: every command type, unknown fields refused', () => {
    const body = JSON.stringify(doc.paths['/cases/{caseId}/commands']!['post']!.requestBody);
    for (const type of COMMAND_TYPES) expect(body).toContain(`"${type}"`);
    expect(body).toContain('"additionalProperties":false');
    expect(body).toContain('custodialMonths');
  });

  it('documents parameters and headers, problem responses and bearer security', () => {
    const command = doc.paths['/cases/{caseId}/commands']!['post']!;
    expect(command.parameters!.map((p) => `${p.in}:${p.name}`).sort()).toEqual(['header:idempotency-key', 'header:if-match', 'path:caseId']);
    expect(Object.keys(command.responses!).sort()).toEqual(['200', '201', '4XX', '5XX']);
    const read = doc.paths['/cases/{caseId}']!['get']!;
    expect(read.parameters!.map((p) => p.name)).toEqual(expect.arrayContaining(['asOf', 'knownAt', 'x-purpose']));
    expect(doc.components.securitySchemes).toHaveProperty('bearer');
    expect(doc.paths['/health/live']!['get']!.security).toEqual([]);
  });
});
