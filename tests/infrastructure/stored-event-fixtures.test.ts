import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STORED_EVENT_FAMILIES } from '../../src/infrastructure/stored-event-families.js';

const FIXTURES = join(import.meta.dirname, '../fixtures/events');

type Fixture = { type: string; schemaVersion: number; data: unknown };
const readFixture = (family: string, file: string): Fixture => JSON.parse(readFileSync(join(FIXTURES, family, file), 'utf8')) as Fixture;

/** docs/CHECKS.md E1: a stored fixture for every event type and schema version decodes to the current schema. */
describe.each(Object.entries(STORED_EVENT_FAMILIES))('stored %s events', (family, catalog) => {
  const files = readdirSync(join(FIXTURES, family));
  const expected = catalog.types.flatMap((type) =>
    Array.from({ length: catalog.currentVersion[type] ?? 0 }, (_, i) => `${type}.v${i + 1}.json`),
  );

  it('have a fixture for every type and schema version, and no fixture of an unknown one', () => {
    expect([...files].sort()).toEqual([...expected].sort());
  });

  it.each(expected)('%s decodes through the upcasters to the current schema', (file) => {
    const fixture = readFixture(family, file);
    expect(`${fixture.type}.v${fixture.schemaVersion}.json`).toBe(file);
    const event = catalog.decode(fixture.type, fixture.schemaVersion, fixture.data);
    expect(event.type).toBe(fixture.type);
    // Re-encoding the decoded event gives the current stored form, which decodes to the same event.
    const encoded = catalog.encode(event);
    expect(encoded.schemaVersion).toBe(catalog.currentVersion[fixture.type]);
    expect(catalog.decode(encoded.type, encoded.schemaVersion, encoded.data)).toEqual(event);
  });
});

describe('decoding fails loudly', () => {
  const catalog = STORED_EVENT_FAMILIES.case!;
  it('on an unknown type, an unknown version, or data that no longer fits the schema', () => {
    expect(() => catalog.decode('OffenderVanished', 1, {})).toThrow(/unknown event type/);
    expect(() => catalog.decode('CaseClosed', 99, { occurredOn: '2010-01-01', reason: 'other' })).toThrow(/known versions/);
    expect(() => catalog.decode('CaseClosed', 1, { occurredOn: '2010-01-01', reason: 'bored' })).toThrow(/CaseClosed v1/);
    expect(() => catalog.decodeTrusted('OffenderVanished', 1, {})).toThrow(/unknown event type/);
  });
});
