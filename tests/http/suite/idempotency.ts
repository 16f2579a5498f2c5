import { describe, expect, it } from 'vitest';
import { refer } from '../../domain/case/support/builders.js';
import { allEvents, principal } from '../support/api.js';
import type { ApiUnderTest } from './fixture.js';

const alice = principal('coordinator', { sub: 'alice' });
const bob = principal('coordinator', { sub: 'bob' });
const caseEvents = async (subject: ApiUnderTest) => (await allEvents(subject.api.store)).filter((e) => e.streamName.startsWith('mappa-case-'));

/** Idempotency-Key over HTTP (docs/CHECKS.md I1-I4): the same status and the same bytes. */
export function describeIdempotency(subject: ApiUnderTest): void {
  describe('Idempotency-Key', () => {
    it('I1: the same key and body twice: identical status and body, events written once', async () => {
      const first = await subject.api.as(alice).command('case-1', refer(), { 'idempotency-key': 'k-1' });
      subject.api.clock.advance(60_000);
      const again = await subject.api.as(alice).command('case-1', refer(), { 'idempotency-key': 'k-1' });
      expect(first.statusCode).toBe(201);
      expect(again.statusCode).toBe(first.statusCode);
      expect(again.body).toBe(first.body);
      expect(again.headers['etag']).toBe(first.headers['etag']);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(await caseEvents(subject)).toHaveLength(1);
    });

    it('I1: a refusal under a key is replayed byte for byte, even once the case has changed', async () => {
      const as = subject.api.as(alice);
      await as.command('case-1', refer());
      const release = { type: 'RecordRelease', occurredOn: '2009-01-01' };
      const first = await as.command('case-1', release, { 'idempotency-key': 'k-2' });
      await as.command('case-1', { type: 'RecordCustody', occurredOn: '2008-12-01', reason: 'remand' });
      const again = await as.command('case-1', release, { 'idempotency-key': 'k-2' });
      expect(first.statusCode).toBe(422);
      expect([again.statusCode, again.body, again.headers['content-type']]).toEqual([first.statusCode, first.body, first.headers['content-type']]);
    });

    it('I2: the same key with another body: 422, nothing written', async () => {
      await subject.api.as(alice).command('case-1', refer(), { 'idempotency-key': 'k-3' });
      const before = await allEvents(subject.api.store);
      const reused = await subject.api.as(alice).command('case-1', refer({ level: 2 }), { 'idempotency-key': 'k-3' });
      expect(reused.statusCode).toBe(422);
      expect(reused.json()).toMatchObject({ code: 'idempotency-key-reused' });
      expect(await allEvents(subject.api.store)).toHaveLength(before.length);
    });

    it('I3: 50 parallel requests with one key: events written once, every answer identical', async () => {
      const token = subject.api.as(alice);
      const responses = await Promise.all(Array.from({ length: 50 }, () => token.command('case-1', refer(), { 'idempotency-key': 'k-4' })));
      expect(new Set(responses.map((r) => `${r.statusCode} ${r.body}`)).size).toBe(1);
      expect(responses[0]!.statusCode).toBe(201);
      expect(await caseEvents(subject)).toHaveLength(1);
    });

    it("I4: keys are per token subject: another subject's same key replays nothing of the first", async () => {
      const first = await subject.api.as(alice).command('case-1', refer(), { 'idempotency-key': 'shared' });
      const other = await subject.api.as(bob).command('case-1', refer(), { 'idempotency-key': 'shared' });
      expect(first.statusCode).toBe(201);
      expect(other.statusCode).toBe(422);
      expect(other.json()).toMatchObject({ code: 'case-already-exists' });
      expect(other.headers['idempotent-replayed']).toBeUndefined();
    });

    it('a transfer retried under its key answers as the first did, though the case has left the caller\'s area', async () => {
      const cumbria = principal('coordinator', { sub: 'carol', areas: ['cumbria'] });
      await subject.api.as(cumbria).command('case-1', refer());
      const transfer = { type: 'TransferCase', occurredOn: '2009-01-01', toArea: 'lancashire' };
      const first = await subject.api.as(cumbria).command('case-1', transfer, { 'idempotency-key': 't-1' });
      const again = await subject.api.as(cumbria).command('case-1', transfer, { 'idempotency-key': 't-1' });
      expect(first.statusCode).toBe(201);
      expect([again.statusCode, again.body]).toEqual([first.statusCode, first.body]);
      // Without the key the case is now simply outside Carol's areas.
      expect((await subject.api.as(cumbria).command('case-1', transfer)).statusCode).toBe(404);
    });
  });
}
