import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMAND_TYPES } from '../../src/domain/case/commands.js';
import { caseCommandBody } from '../../src/infrastructure/http/wire.js';
import { manualClock } from '../../src/infrastructure/clock.js';
import { caseCommandHandler } from '../../src/infrastructure/command-handler/handle-case-command.js';
import { openMemoryEventStore } from '../../src/infrastructure/eventstore/memory.js';
import { COMMAND_EXAMPLES, CORRECTION_EXAMPLES, DATA_PROTECTION_EXAMPLES } from '../../src/infrastructure/http/openapi/command-examples.js';
import { API_CSP } from '../../src/infrastructure/http/security-headers.js';
import { startServerProcess, type ServerProcess } from '../support/server-process.js';
import { makeTempDir } from '../support/temp-dir.js';
import { startApi, type TestApi } from './support/api.js';

type Schema = { title?: string; type?: string; format?: string; examples?: unknown[]; properties?: Record<string, Schema>; oneOf?: Schema[]; anyOf?: Schema[] };
type Media = { schema: Schema; examples?: Record<string, { value: unknown }> };
type Operation = { requestBody?: { content: Record<string, Media> }; responses: Record<string, { content?: Record<string, Media> }> };
type OpenApi = { paths: Record<string, Record<string, Operation>> };

describe('Regression: the OpenAPI document showed 23 unnamed `One of (object|...)` commands with an invalid random example', () => {
  let api: TestApi;
  let doc: OpenApi;
  beforeAll(async () => {
    api = await startApi();
    doc = (await api.anonymous.get('/docs/json')).json() as OpenApi;
  });
  afterAll(() => api.close());

  const commandBody = () => doc.paths['/cases/{caseId}/commands']!['post']!.requestBody!.content['application/json']!;

  it('names every command schema by its type, each with an example the schema accepts', () => {
    const members = commandBody().schema.oneOf!;
    const types = [...COMMAND_TYPES, 'RetractEvents', 'CorrectEvents', 'EraseSubjectData', 'RecordRetentionReview'];
    expect(members.map((m) => m.title)).toEqual(types);
    for (const member of members) {
      expect(member.examples).toHaveLength(1);
      const example = member.examples![0] as { type: string };
      expect(example.type).toBe(member.title);
      expect(caseCommandBody.safeParse(example).success).toBe(true);
    }
    expect(Object.keys(commandBody().examples!).sort()).toEqual([...types].sort());
    const examples: Record<string, unknown> = { ...COMMAND_EXAMPLES, ...CORRECTION_EXAMPLES, ...DATA_PROTECTION_EXAMPLES };
    for (const [type, { value }] of Object.entries(commandBody().examples!)) expect(value).toEqual(examples[type]);
  });

  it('the examples tell one case accepted command by command (RefuseCivilOrder after an application of its own)', async () => {
    const store = openMemoryEventStore();
    const handle = caseCommandHandler({ store, clock: manualClock('2024-06-01T10:00:00.000Z') });
    const actor = { id: 'docs', role: 'coordinator', agency: 'police' } as const;
    const story = Object.values(COMMAND_EXAMPLES).sort((a, b) => a.occurredOn.localeCompare(b.occurredOn));
    expect(story.map((c) => c.type).sort()).toEqual([...COMMAND_TYPES].sort());
    for (const command of story) {
      if (command.type === 'RefuseCivilOrder') {
        await handle('example', { type: 'ApplyForCivilOrder', occurredOn: command.occurredOn, orderId: command.orderId, orderType: 'SRO', applicant: 'police' }, { areas: '*', actor });
      }
      const outcome = await handle('example', command, { areas: '*', actor });
      expect({ type: command.type, kind: outcome.kind, events: outcome.kind === 'accepted' ? outcome.events.length > 0 : false }).toEqual({ type: command.type, kind: 'accepted', events: true });
    }
  });

  it('dates are `format: date`', () => {
    const refer = commandBody().schema.oneOf!.find((m) => m.title === 'ReferOffender')!;
    expect(refer.properties!['occurredOn']!.format).toBe('date');
    expect(refer.properties!['subject']!.properties!['dateOfBirth']!.format).toBe('date');
    const rso = refer.properties!['basis']!.oneOf!.find((b) => JSON.stringify(b).includes('registered-sexual-offender'))!;
    expect(rso.properties!['relevantDate']!.format).toBe('date');
  });

  it('GET /returns documents its JSON, CSV and text answers', () => {
    const ok = doc.paths['/returns/{reportingYear}']!['get']!.responses['200']!.content!;
    expect(Object.keys(ok).sort()).toEqual(['application/json', 'text/csv', 'text/plain']);
    expect(ok['application/json']!.schema.properties).toHaveProperty('provisional');
    expect(ok['text/csv']!.schema.type).toBe('string');
  });

  it('every error status of every route is application/problem+json', () => {
    let errors = 0;
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        for (const [status, response] of Object.entries(operation.responses)) {
          if (!/^[45]/.test(status)) continue;
          errors++;
          expect({ route: `${method} ${path} ${status}`, media: Object.keys(response.content ?? {}) }).toEqual({ route: `${method} ${path} ${status}`, media: ['application/problem+json'] });
        }
      }
    }
    expect(errors).toBeGreaterThan(10);
  });
});

describe('Regression: the documentation page logged a CSP error; `/` was a JSON 404', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  it("the docs page's policy allows Swagger UI's one inline stylesheet by its hash, nothing inline else; the API keeps its own", async () => {
    const logoStyles = '.logo_small_svg__cls-2{fill:#fff}.logo_small_svg__cls-3{fill:#85ea2d}';
    const hash = `'sha256-${createHash('sha256').update(logoStyles).digest('base64')}'`;
    const docs = String((await api.anonymous.get('/docs')).headers['content-security-policy']);
    expect(docs).toMatch(new RegExp(`style-src 'self' ${hash.replace(/[+/]/g, '\\$&')}(;|$)`));
    expect(docs).not.toContain('unsafe-inline');
    expect(docs).toContain("script-src 'self'");
    const apiPolicy = String((await api.anonymous.get('/health/live')).headers['content-security-policy']);
    expect(apiPolicy.replaceAll(' ', '')).toBe(API_CSP.replaceAll(' ', ''));
  });

  const chromium = ['chromium', 'chromium-browser', 'google-chrome'].find((name) => spawnSync('which', [name]).status === 0);
  // A real browser is what reports CSP violations; CI machines may have none.
  it.skipIf(chromium === undefined)('in a headless browser (when one is installed), /docs opens the docs page with no console error', async () => {
    const dir = makeTempDir('docs-browser');
    let server: ServerProcess | undefined;
    try {
      server = await startServerProcess({ MAPPA_STORE: 'memory', MAPPA_DATA_DIR: dir.path });
      const run = spawnSync(chromium!, ['--headless=new', '--no-sandbox', '--disable-gpu', '--enable-logging=stderr', '--v=0', '--virtual-time-budget=8000', '--dump-dom', `${server.base}/docs`], {
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(run.stdout).toContain('swagger-ui');
      expect(run.stdout).toContain('mappa-engine');
      expect(run.stderr.split('\n').filter((line) => line.includes(':CONSOLE'))).toEqual([]);
    } finally {
      server?.kill();
      dir.remove();
    }
  }, 90_000);
});

