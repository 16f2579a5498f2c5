import { describe, expect, it } from 'vitest';
import { StoreUnavailableError, type EventStore, type JsonObject } from '../../../../src/infrastructure/eventstore/eventstore.js';
import { collect, newEvent, settle, uniqueStream } from './fixtures.js';

const data: JsonObject = {
  name: 'Zoë Łukasiewicz-Ó Briain',
  scripts: ['日本語', 'العربية', 'עברית', 'ελληνικά', '🧭🚓👮🏽‍♀️', 'e\u0301', 'tab\tnew\nline "quoted" \\ back'],
  nul: 'a\u0000b',
  numbers: { zero: 0, negative: -42, float: 3.141592653589793, tiny: 5e-324, maxSafe: Number.MAX_SAFE_INTEGER },
  flags: [true, false, null],
  nested: { level1: { level2: { level3: { empty: {}, list: [[], [{}], [{ deep: 'yes' }]] } } } },
  'key with spaces & symbols/.:': '',
};
const metadata: JsonObject = {
  actor: { id: 'u-1', role: 'probation', agency: 'Probation Service' },
  correlationId: '0b6f8a4e-0000-4000-8000-000000000000',
  recordedAt: '2025-03-01T09:30:00.000Z',
  schemaVersion: 3,
};

export function describeJsonAndLifecycle(subject: { readonly store: EventStore }): void {
  describe('JSON round trip', () => {
    it('returns data and metadata exactly as appended: unicode, nesting, numbers, nulls', async () => {
      const stream = uniqueStream('json');
      const event = newEvent('Everything', data, metadata);
      await subject.store.appendToStream(stream, [event]);
      const [stored] = await subject.store.readStream(stream);
      expect(stored).toMatchObject({ eventId: event.eventId, type: 'Everything' });
      expect(stored!.data).toEqual(data);
      expect(stored!.metadata).toEqual(metadata);
      const [fromLog] = await collect(subject.store.readAll({ streamPrefixes: [stream] }));
      expect(fromLog!.data).toEqual(data);
      expect(fromLog!.metadata).toEqual(metadata);
    });

    it('hands out copies: changing what was read or appended does not change what is stored', async () => {
      const stream = uniqueStream('copies');
      const appended = { list: [1, 2], inner: { value: 'original' } };
      await subject.store.appendToStream(stream, [newEvent('Copied', appended)]);
      appended.inner.value = 'changed after append';
      const [first] = await subject.store.readStream(stream);
      (first!.data as { inner: { value: string } }).inner.value = 'changed after read';
      const [second] = await subject.store.readStream(stream);
      expect(second!.data).toEqual({ list: [1, 2], inner: { value: 'original' } });
    });
  });

  describe('close', () => {
    it('an append after close is refused with StoreUnavailableError', async () => {
      await subject.store.close();
      const outcome = await settle(subject.store.appendToStream(uniqueStream(), [newEvent()]));
      expect(outcome.ok ? undefined : outcome.error).toBeInstanceOf(StoreUnavailableError);
    });
  });
}
