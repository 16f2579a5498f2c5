import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { CaseEvent } from '../../../src/domain/case/events.js';
import { caseEvents } from '../../../src/domain/case/event-versions.js';
import { mintToken } from '../../../src/infrastructure/auth/mint-token.js';
import type { Principal } from '../../../src/infrastructure/auth/principal.js';
import { loadConfig, type Config } from '../../../src/infrastructure/config.js';
import { type EventStore } from '../../../src/infrastructure/eventstore/eventstore.js';
import { streams } from '../../../src/infrastructure/eventstore/stream-names.js';
import { serve, type Server } from '../../../src/infrastructure/http/serve.js';

export const SERVED_SECRET = 'served-secret-for-isolation-tests-0123456789';

/** The server as `npm start` runs it (serve()), on a SQLite store in `dir`, on a free port. */
export async function serveOn(dir: string, env: Record<string, string> = {}): Promise<{ server: Server; base: string; config: Config }> {
  const loaded = loadConfig({
    PORT: '0', HOST: '127.0.0.1', MAPPA_STORE: `sqlite:${join(dir, 'mappa.db')}`, MAPPA_DATA_DIR: dir,
    MAPPA_JWT_SECRET: SERVED_SECRET, MAPPA_LOG_LEVEL: process.env['SERVED_LOG'] ?? 'silent', MAPPA_RATE_LIMIT_MAX: '1000000', ...env,
  });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
  const server = await serve(loaded.config);
  const address = server.app.server.address();
  if (address === null || typeof address === 'string') throw new Error('not listening');
  return { server, base: `http://127.0.0.1:${address.port}`, config: loaded.config };
}

export const bearer = async (who: Principal) => `Bearer ${await mintToken(who, { secret: SERVED_SECRET })}`;

/** A request that must be answered within `ms` (a server that hangs fails the test instead of stalling it). */
export async function answered(url: string, init: RequestInit = {}, ms = 5000): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(ms) });
  const text = await response.text();
  return { status: response.status, body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>), headers: response.headers };
}

/** Case events written straight into the store, past every check (a log as an older engine left it). */
export async function writeStraight(store: EventStore, caseId: string, events: readonly (CaseEvent | { type: string; data: Record<string, unknown> })[]): Promise<void> {
  const recordedAt = '2024-01-01T12:00:00.000Z';
  await store.appendToStream(
    streams.case(caseId),
    events.map((event) => {
      const encoded = 'data' in event ? { type: event.type, data: event.data, schemaVersion: 1 } : caseEvents.encode(event as CaseEvent);
      const eventId = randomUUID();
      return {
        eventId,
        type: encoded.type,
        data: encoded.data,
        metadata: { schemaVersion: encoded.schemaVersion, recordedAt, actor: { id: 'old-engine', role: 'coordinator', agency: 'police' }, correlationId: eventId, causationId: eventId },
      };
    }),
  );
}
