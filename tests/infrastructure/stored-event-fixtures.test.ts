import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STORED_EVENT_FAMILIES } from '../support/stored-event-families.js';

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
    // Re-encoding the decoded event gives the form the engine writes today (the current version,
    // or for a widened type the oldest version that holds it), which decodes to the same event.
    const encoded = catalog.encode(event);
    expect(encoded.schemaVersion).toBe(catalog.versionFor(event));
    expect(encoded.schemaVersion).toBeLessThanOrEqual(catalog.currentVersion[fixture.type] ?? 1);
    expect(catalog.decode(encoded.type, encoded.schemaVersion, encoded.data)).toEqual(event);
    // A trusted replay of the stored form gives the same event as a checked one.
    expect(catalog.decodeTrusted(fixture.type, fixture.schemaVersion, structuredClone(fixture.data))).toEqual(event);
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

describe('events that carry a basis: version 2 admits the terrorism basis', () => {
  const catalog = STORED_EVENT_FAMILIES.case!;
  const fixture = (file: string) => readFixture('case', file);

  it('are written as version 1 unless the basis is a terrorism basis, so a log without category 4 is what it was', () => {
    for (const type of ['OffenderReferred', 'EligibilityBasisAdded', 'CaseReopened']) {
      expect(catalog.currentVersion[type as 'OffenderReferred']).toBe(3);
      const v1 = fixture(`${type}.v1.json`);
      const v2 = fixture(`${type}.v2.json`);
      expect(catalog.encode(catalog.decode(type, 1, v1.data)).schemaVersion).toBe(1);
      expect(catalog.encode(catalog.decode(type, 2, v2.data)).schemaVersion).toBe(2);
    }
  });

  it('version-1 data is version-2 data: a trusted replay takes it as it is, without decoding', () => {
    const data = structuredClone(fixture('OffenderReferred.v1.json').data) as Record<string, unknown>;
    expect(catalog.adoptTrusted('OffenderReferred', 1, data)).toBe(data);
  });
});

describe('version 3 of the events that carry a basis, and the sealed notes (docs/DOMAIN.md section 13)', () => {
  const catalog = STORED_EVENT_FAMILIES.case!;
  const fixture = (family: string, file: string) => readFixture(family, file);

  it('a sealed subject or an under18AtRelevantDate flag is written as version 3; the clear forms of versions 1 and 2 still read', () => {
    for (const type of ['OffenderReferred', 'EligibilityBasisAdded', 'CaseReopened']) {
      expect(catalog.encode(catalog.decode(type, 3, fixture('case', `${type}.v3.json`).data)).schemaVersion).toBe(3);
      for (const v of [1, 2]) expect(catalog.decode(type, v, fixture('case', `${type}.v${v}.json`).data).type).toBe(type);
    }
    const referral = catalog.decode('OffenderReferred', 1, fixture('case', 'OffenderReferred.v1.json').data) as unknown as { subject: unknown };
    expect(referral.subject).toEqual({ ref: 'FIXTURE-0001', dateOfBirth: '1970-03-15' });
  });

  it('a sealed note is written as version 2, a clear one (or none) as version 1', () => {
    for (const [family, type] of [['corrections', 'EventsRetracted'], ['returns', 'ReturnSubmitted']] as const) {
      const events = STORED_EVENT_FAMILIES[family]!;
      expect(events.encode(events.decode(type, 2, fixture(family, `${type}.v2.json`).data)).schemaVersion).toBe(2);
      expect(events.encode(events.decode(type, 1, fixture(family, `${type}.v1.json`).data)).schemaVersion).toBe(1);
    }
  });

  it('refuses a sealed form that is not one: the stored form is exactly { sealed: "a1.<base64url>" }', () => {
    const data = structuredClone(fixture('case', 'OffenderReferred.v3.json').data) as Record<string, unknown>;
    expect(() => catalog.decode('OffenderReferred', 3, { ...data, subject: { sealed: 'plain text' } })).toThrow(/OffenderReferred v3/);
    expect(() => catalog.decode('OffenderReferred', 3, { ...data, subject: { sealed: 'a1.AAAA', ref: 'x' } })).toThrow(/OffenderReferred v3/);
  });
});
