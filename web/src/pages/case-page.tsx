import { Field } from '../field.js';
import { useEffect, useState } from 'preact/hooks';
import { getJson, withQuery } from '../api.js';
import { isoOfLocalInput, localInputOf, londonToday, showDate } from '../format.js';
import { useLoad } from '../load.js';
import { seesHistory, type Session } from '../model/roles.js';
import { hashOf, type Route } from '../model/route.js';
import { timelinePoints, type HistoryEvent } from '../model/timeline-points.js';
import { navigate } from '../router.js';
import { CaseState, type CaseView } from './case-state.js';
import { CaseTimeline } from './case-timeline.js';
import { PurposeField } from './purpose-field.js';

type CaseRoute = Extract<Route, { page: 'case' }>;
type History = { caseId: string; version: number; events: HistoryEvent[]; next: string | null };

/** Every page of the history (each page read is access-logged, as any read). */
async function wholeHistory(caseId: string): Promise<HistoryEvent[]> {
  const events: HistoryEvent[] = [];
  let next: string | null = `/cases/${encodeURIComponent(caseId)}/events?limit=1000`;
  while (next !== null) {
    const page: History = await getJson<History>(next, { purpose: true });
    events.push(...page.events);
    next = page.next;
  }
  return events;
}

/**
 * One case. Reviewers get its timeline on both time axes and its state on a chosen date as
 * known at a chosen instant; coordinators get the case as it stands (histories and past states
 * are for reviewers).
 */
export function CasePage({ route, session }: { route: CaseRoute; session: Session }) {
  const reviewer = seesHistory(session.role);
  const { caseId } = route;
  const asOf = reviewer ? route.asOf : undefined;
  const knownAt = reviewer ? route.knownAt : undefined;
  const history = useLoad(reviewer ? `history|${caseId}` : null, () => wholeHistory(caseId));
  const state = useLoad(`state|${caseId}|${asOf ?? ''}|${knownAt ?? ''}`, () =>
    getJson<CaseView>(withQuery(`/cases/${encodeURIComponent(caseId)}`, { asOf, knownAt }), { purpose: true }),
  );
  const points = history.data ? timelinePoints(history.data) : [];

  return (
    <>
      <h1>Case {caseId}</h1>
      <p><a href={hashOf({ page: 'caseload' })}>Back to the caseload</a></p>
      <PurposeField />
      {reviewer ? (
        <StateChooser asOf={asOf} knownAt={knownAt} onChange={(change) => navigate({ ...route, ...change })} />
      ) : (
        <p class="note">You see the case as it stands today. Its history and past states are for reviewers.</p>
      )}
      <section aria-labelledby="state-heading">
        <h2 id="state-heading">State {asOf ? `on ${showDate(asOf)}` : 'today'}{knownAt ? ', as known at the chosen instant' : ''}</h2>
        {state.error !== null && <p role="alert" class="error">The case could not be read: {state.error}</p>}
        {state.loading && <p role="status">Reading the case…</p>}
        {state.data && <CaseState view={state.data} />}
      </section>
      {reviewer && (
        <section aria-labelledby="timeline-heading">
          <h2 id="timeline-heading">Timeline</h2>
          {history.error !== null && <p role="alert" class="error">The history could not be read: {history.error}</p>}
          {history.loading && <p role="status">Reading the history…</p>}
          {history.data && <CaseTimeline points={points} asOf={asOf ?? state.data?.asOf ?? londonToday()} knownAt={knownAt ?? null} chosenDay={asOf !== undefined} />}
        </section>
      )}
    </>
  );
}

function StateChooser({ asOf, knownAt, onChange }: { asOf: string | undefined; knownAt: string | undefined; onChange: (change: { asOf?: string; knownAt?: string }) => void }) {
  const [day, setDay] = useState(asOf ?? '');
  const [instant, setInstant] = useState(localInputOf(knownAt));
  useEffect(() => setDay(asOf ?? ''), [asOf]);
  useEffect(() => setInstant(localInputOf(knownAt)), [knownAt]);
  return (
    <form
      class="controls"
      aria-label="Choose the state to show"
      onSubmit={(event) => {
        event.preventDefault();
        onChange({ asOf: day || undefined, knownAt: isoOfLocalInput(instant) });
      }}
    >
      <Field id="field-asOf" label="State on (business date; empty: today)">
        <input id="field-asOf" type="date" name="asOf" value={day} onInput={(e) => setDay(e.currentTarget.value)} />
      </Field>
      <Field id="field-knownAt" label="As known at (your local time; empty: everything recorded)">
        <input id="field-knownAt" type="datetime-local" name="knownAt" step={1} value={instant} onInput={(e) => setInstant(e.currentTarget.value)} />
      </Field>
      <button type="submit">Show this state</button>
      {(asOf !== undefined || knownAt !== undefined) && <button type="button" onClick={() => onChange({ asOf: undefined, knownAt: undefined })}>Today, everything recorded</button>}
    </form>
  );
}
