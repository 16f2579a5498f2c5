/**
 * What sealing personal data costs on the command path (docs/DOMAIN.md section 13): durable
 * commands through the handler on SQLite, 16 writers, each case a referral (its key made and its
 * subject sealed), a basis added (the subject opened for the rules) and eight commands that touch
 * no personal data; against the same run with personal fields left clear (a no-op sealing that
 * exists only here). Each round runs the variants back to back; medians are reported, the ratio
 * being the median of the rounds' own ratios.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CaseCommand } from '../src/domain/case/commands.js';
import { systemClock } from '../src/infrastructure/clock.js';
import { caseCommandHandler } from '../src/infrastructure/command-handler/handle-case-command.js';
import { openSqliteEventStore } from '../src/infrastructure/eventstore/sqlite/index.js';
import { SealedPersonalData, type PersonalData } from '../src/infrastructure/personal-data/personal-data.js';
import { SubjectKeysInMemory } from '../src/infrastructure/personal-data/subject-keys.js';
import { SubjectKeysSqlite } from '../src/infrastructure/personal-data/subject-keys-sqlite.js';
import type { BenchRow } from './run.js';
import { COMMANDS_PER_CASE, driveWriters } from './writers-load.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const WRITERS = 16;

/** Personal fields left as the domain gives them: the baseline, never the engine's. */
const clearPersonalData: PersonalData = {
  sealCaseEvents: async (_caseId, events) => events,
  openForDecision: async () => undefined,
  showSubject: async (_caseId, subject) => subject as never,
  showNote: async (_keyId, note) => note as never,
  sealNote: async (_keyId, note) => note,
};

function commandFor(n: number): CaseCommand {
  const step = n % COMMANDS_PER_CASE;
  if (step === 0) {
    return {
      type: 'ReferOffender', occurredOn: '2020-01-01', area: 'cumbria', leadAgency: 'police', localUnit: 'North BCU',
      subject: { ref: `BENCH-${n}`, dateOfBirth: '1980-01-01' },
      basis: { kind: 'registered-sexual-offender', basisId: 'b1', relevantDate: '2019-06-01', disposal: 'custody', custodialMonths: 36 },
    };
  }
  if (step === 1) return { type: 'AddEligibilityBasis', occurredOn: '2020-01-15', basis: { kind: 'violent-offender', basisId: 'b2', startDate: '2020-01-10', sentenceMonths: 24 } };
  return { type: 'ChangeLocalUnit', occurredOn: '2020-02-01', localUnit: n % 2 === 0 ? 'South BCU' : 'North BCU' };
}

type Variant = 'clear' | 'sealed, keys in SQLite' | 'sealed, keys in memory';

async function rate(dir: string, variant: Variant, round: number) {
  const store = openSqliteEventStore(join(dir, `sealing-${round}-${variant.replace(/\W+/g, '-')}.db`));
  const keys = variant === 'sealed, keys in SQLite' ? new SubjectKeysSqlite(join(dir, `keys-${round}.db`)) : new SubjectKeysInMemory();
  const handle = caseCommandHandler({ store, clock: systemClock, personalData: variant === 'clear' ? clearPersonalData : new SealedPersonalData(keys) });
  try {
    return await driveWriters(handle, WRITERS, SECONDS, commandFor);
  } finally {
    await store.close();
    await keys.close();
  }
}

const median = <T>(values: T[], by: (v: T) => number): T => [...values].sort((a, b) => by(a) - by(b))[Math.floor(values.length / 2)]!;

export async function sealingSection(): Promise<BenchRow[]> {
  const variants: Variant[] = ['clear', 'sealed, keys in SQLite', 'sealed, keys in memory'];
  const runs = new Map<Variant, { rate: number; p50: number; p99: number }[]>();
  for (let round = 0; round < ROUNDS; round++) {
    const dir = mkdtempSync(join(tmpdir(), 'mappa-bench-sealing-'));
    try {
      for (const variant of variants) runs.set(variant, [...(runs.get(variant) ?? []), await rate(dir, variant, round)]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const clear = runs.get('clear')!;
  return variants.map((variant) => {
    const all = runs.get(variant)!;
    const { rate: value, p50, p99 } = median(all, (r) => r.rate);
    // Each round's variants run back to back: the ratio is the median of the rounds' own ratios,
    // so a round slowed by the rest of the machine slows both sides of its ratio.
    const ratios = all.map((r, round) => r.rate / clear[round]!.rate);
    return {
      name: `commands through the handler, ${WRITERS} writers, personal data ${variant}`,
      value,
      unit: 'commands/s',
      ...(variant === 'clear' ? {} : { ratio: median(ratios, (r) => r) }),
      note: `${variant === 'clear' ? 'baseline (no-op sealing, bench only); ' : `ratios by round ${ratios.map((r) => r.toFixed(2)).join(', ')}; `}p50 ${p50.toFixed(2)} ms, p99 ${p99.toFixed(2)} ms; rates ${all.map((r) => Math.round(r.rate)).join(', ')}`,
    };
  });
}
