import { randomUUID } from 'node:crypto';
import { retractionMarks, retractionsOf } from '../../domain/case/retraction.js';
import { Command } from 'commander';
import { z } from 'zod';
import { businessDate } from '../../domain/shared/business-date.js';
import { caseId } from '../../domain/shared/ids.js';
import { instant } from '../../domain/shared/instant.js';
import { givenPurpose } from '../access-log/records.js';
import { accessLog } from '../access-log/writer.js';
import { londonDate, systemClock, type Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { EventStore } from '../eventstore/eventstore.js';
import { openConfiguredStore } from '../eventstore/open-configured-store.js';
import { loadCaseAt } from '../queries/case-at.js';
import { metadataOf } from '../event-metadata.js';
import { caseView, type CaseView } from '../queries/case-view.js';
import { shownEventData } from '../queries/shown-event-data.js';
import { openConfiguredSubjectKeys } from '../personal-data/open-configured-keys.js';
import { personalDataInMemoryFor, SealedPersonalData, type PersonalData } from '../personal-data/personal-data.js';
import { actorOptions, cliActor } from './cli-actor.js';
import { parseOptions } from './options.js';
import { CliFailure } from './fail.js';

const replayOptions = actorOptions.extend({
  asOf: businessDate.optional(),
  knownAt: instant.optional(),
  purpose: givenPurpose.optional(),
  json: z.boolean().optional(),
});

type Replay = {
  /** The events known at `knownAt` (all of them without it), each with what it recorded. */
  readonly history: readonly {
    readonly position: number;
    readonly eventId: string;
    /** Absent on a retraction, which has no business date. */
    readonly occurredOn?: string;
    readonly recordedAt: string;
    /** The retraction, recorded by `knownAt`, that took this event out (docs/DOMAIN.md section 10). */
    readonly retractedBy?: string;
    readonly retractedAt?: string;
    readonly type: string;
    readonly schemaVersion: number;
    readonly actor: string;
    readonly data: Readonly<Record<string, unknown>>;
  }[];
  readonly knownAt: string | null;
  readonly state: CaseView | null;
};

/**
 * A case's history and its state as asked, for an operator. It reads case-level data, so
 * it is recorded in the access log first (channel `cli`), exactly as an HTTP read is.
 */
export async function replayCase(store: EventStore, clock: Clock, id: string, options: Record<string, unknown>, personal: PersonalData = personalDataInMemoryFor(store)): Promise<Replay> {
  const parsedId = caseId.safeParse(id);
  if (!parsedId.success) throw new CliFailure('the case id must be 1-64 of A-Za-z0-9_-', 2);
  const parsed = { data: parseOptions(replayOptions, options) };
  const { asOf, knownAt, purpose: why } = parsed.data;
  const at = await loadCaseAt(store, id, { asOf, knownAt }, londonDate(clock.now()));
  if (at === null) throw new CliFailure(`no such case: ${id}`);
  await accessLog({ store, clock }).record({
    type: 'CaseDataRead',
    actor: cliActor(parsed.data, 'reviewer'),
    channel: 'cli',
    resource: 'case-events',
    caseIds: [id],
    query: { ...(asOf !== undefined && { asOf }), ...(knownAt !== undefined && { knownAt }) },
    ...(why !== undefined && { purpose: why }),
    requestId: randomUUID(),
  });
  const retracted = retractionsOf(at.loaded.records, at.knownAt ?? undefined);
  const history = await Promise.all(at.loaded.stored.flatMap((event) => {
    const metadata = metadataOf(event);
    // As known at T: what had been recorded by then, the rule the state is folded with (timeline.ts).
    if (at.knownAt !== null && metadata.recordedAt > at.knownAt) return [];
    return [(async () => ({
      position: event.streamPosition,
      eventId: event.eventId,
      ...(typeof event.data['occurredOn'] === 'string' && { occurredOn: event.data['occurredOn'] }),
      recordedAt: metadata.recordedAt,
      ...retractionMarks(retracted.get(event.eventId)),
      type: event.type,
      schemaVersion: metadata.schemaVersion,
      actor: `${metadata.actor.id} (${metadata.actor.role}, ${metadata.actor.agency})`,
      data: await shownEventData(personal, id, event.type, event.data),
    }))()];
  }));
  const state = at.state && caseView(id, at.state, at.on, { version: at.version, knownAt: at.knownAt }, await personal.showSubject(id, at.state.subject));
  return { history, knownAt: at.knownAt, state };
}


export function formatReplay(replay: Replay, id: string): string {
  const lines = replay.history.flatMap((e) => [
    `#${e.position}  ${(e.occurredOn ?? '(no date)').padEnd(10)}  ${e.type.padEnd(36)} recorded ${e.recordedAt} by ${e.actor}${e.retractedBy === undefined ? '' : `  RETRACTED by ${e.retractedBy} at ${e.retractedAt}`}`,
    `    ${JSON.stringify(e.data)}`,
  ]);
  const title = `History of case ${id} (stream order${replay.knownAt === null ? '' : `, as known at ${replay.knownAt}: ${replay.history.length} events recorded by then`}):`;
  const state = replay.state === null ? `case ${id} did not exist then` : JSON.stringify(replay.state, null, 2);
  return [title, ...lines, '', 'State:', state].join('\n');
}

export function replayCommand(config: () => Config): Command {
  return new Command('replay')
    .description("print a case's history and its state (now, --as-of a date, --known-at an instant); recorded in the access log")
    .argument('<caseId>')
    .option('--as-of <date>', 'the case at the end of this business day (YYYY-MM-DD)')
    .option('--known-at <instant>', 'only events recorded by this ISO instant')
    .option('--actor <id>', 'who reads, for the access log (default cli:<user>)')
    .option('--agency <agency>', 'the agency of that reader', 'other')
    .option('--purpose <text>', 'why, for the access log')
    .option('--json', 'print JSON')
    .action(async (id: string, options: Record<string, unknown>) => {
      const store = openConfiguredStore(config().store);
      const keys = openConfiguredSubjectKeys(config().keyStore);
      try {
        const replay = await replayCase(store, systemClock, id, options, new SealedPersonalData(keys));
        process.stdout.write(`${options['json'] === true ? JSON.stringify(replay, null, 2) : formatReplay(replay, id)}\n`);
      } finally {
        await store.close();
        await keys.close();
      }
    });
}
