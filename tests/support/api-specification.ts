import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { AreaEvent } from '../../src/domain/area/events.js';
import { areaEvents } from '../../src/domain/area/events.js';
import { caseEvents } from '../../src/domain/case/event-versions.js';
import type { CaseEvent } from '../../src/domain/case/events.js';
import type { EventCatalog } from '../../src/domain/shared/event-versioning.js';
import { stampFor, toAppend } from '../../src/infrastructure/event-metadata.js';
import type { EventToAppend, StoredEvent } from '../../src/infrastructure/eventstore/eventstore.js';
import { streams } from '../../src/infrastructure/eventstore/stream-names.js';
import { startApi, TEST_NOW, type ApiOptions, type TestApi } from '../http/support/api.js';

/**
 * Given / when / then for the HTTP API, in the shape of Emmett's ApiSpecification: given events
 * already stored, when a request, then its status and body, and the events it appended.
 *
 *   await given(existingCase('c-1', [referred()]))
 *     .when((api) => api.as(coordinator).command('c-1', body))
 *     .then(expectResponse(201), expectNewEvents(streams.case('c-1'), [{ type: 'ManagementLevelChanged', level: 2 }]));
 */

/** Events already in a stream before the request. */
export type Given = { readonly streamName: string; readonly events: readonly EventToAppend[] };

/** What a `then` check sees: the response, and every event appended while the request ran. */
export type Outcome = { readonly response: LightMyRequestResponse; readonly newEvents: readonly StoredEvent[]; readonly api: TestApi };
export type Then = (outcome: Outcome) => void | Promise<void>;

const SEEDED_BY = { actor: { id: 'seed', role: 'coordinator', agency: 'probation' }, correlationId: 'seed' } as const;

function stored<E extends { type: string }>(catalog: EventCatalog<E>, streamName: string, events: readonly E[]): Given {
  return { streamName, events: events.map((event) => toAppend(catalog, randomUUID(), event, stampFor(SEEDED_BY, TEST_NOW, 'seed'))) };
}

/** A case's stream holding these events, as the engine would have stored them. */
export const existingCase = (caseId: string, events: readonly CaseEvent[]): Given => stored(caseEvents, streams.case(caseId), events);

/** An area's stream holding these reference-data events. */
export const existingArea = (area: string, events: readonly AreaEvent[]): Given => stored(areaEvents, streams.area(area), events);

/** The API (in memory by default) for one specification: given, when, then; closed afterwards. */
export function apiSpecification(options: ApiOptions = {}) {
  return (...given: Given[]) => ({
    when: (request: (api: TestApi) => Promise<LightMyRequestResponse>) => ({
      async then(...checks: Then[]): Promise<Outcome> {
        const api = await startApi(options);
        try {
          for (const { streamName, events } of given) await api.store.appendToStream(streamName, events, { expectedVersion: 'no_stream' });
          const head = await api.store.headPosition();
          // Reads of the read models answer from what the given events made of them.
          if (head !== null) await api.projections.caughtUpTo(head);
          const response = await request(api);
          const newEvents: StoredEvent[] = [];
          for await (const event of api.store.readAll(head === null ? {} : { after: head })) newEvents.push(event);
          const outcome = { response, newEvents, api };
          for (const check of checks) await check(outcome);
          return outcome;
        } finally {
          await api.close();
        }
      },
    }),
  });
}

/** The status, and when given, fields the JSON body must hold. */
export const expectResponse = (status: number, body?: Record<string, unknown>): Then => ({ response }) => {
  expect({ status: response.statusCode, body: response.body }).toMatchObject({ status });
  if (body !== undefined) expect(response.json()).toMatchObject(body);
};

/** A problem+json answer with this status and code. */
export const expectProblem = (status: number, code: string): Then => ({ response }) => {
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect({ status: response.statusCode, code: (response.json() as { code?: string }).code }).toEqual({ status, code });
};

/** Exactly these events were appended to the stream (type and data; metadata is the engine's own). */
export const expectNewEvents = (streamName: string, events: readonly Record<string, unknown>[]): Then => ({ newEvents }) => {
  expect(newEvents.filter((e) => e.streamName === streamName).map((e) => ({ type: e.type, ...e.data }))).toEqual(events);
};

/** Nothing was appended to any case or area stream (the access log may still record the read). */
export const expectNoNewEvents = (): Then => ({ newEvents }) => {
  expect(newEvents.filter((e) => e.streamName.startsWith(streams.casePrefix) || e.streamName.startsWith(streams.areaPrefix)).map((e) => e.type)).toEqual([]);
};
