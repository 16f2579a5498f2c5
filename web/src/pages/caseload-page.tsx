import { Field } from '../field.js';
import { useEffect, useState } from 'preact/hooks';
import { describeError, getJson, withQuery } from '../api.js';
import { showDate, words } from '../format.js';
import { areaList, useLoad } from '../load.js';
import { coversEveryArea, type Session } from '../model/roles.js';
import { hashOf, type Route } from '../model/route.js';
import { navigate } from '../router.js';
import { PurposeField } from './purpose-field.js';

type CaseloadRoute = Extract<Route, { page: 'caseload' }>;
type Item = {
  caseId: string; area: string; localUnit: string | null; leadAgency: string; level: number; category: number | null; inCustody: boolean;
  lastMeetingOn: string | null; nextReviewDue: string | null; reviewOverdue: boolean; eligibilityLapsed: boolean;
};
type Counts = { total: number; byCategory: Record<string, number>; byLevel: Record<string, number>; reviewOverdue: number; eligibilityLapsed: number };
type Caseload = { asOf: string; counts: Counts; cases: Item[]; next: string | null };

const AGENCIES = ['police', 'probation', 'prison', 'youth-justice', 'health', 'children-services', 'adult-services', 'housing', 'other'];
const PAGE_SIZE = 200;

/** Open cases in the caller's areas as they stand today, with the flags a coordinator acts on (coordinators, reviewers). */
export function CaseloadPage({ route, session }: { route: CaseloadRoute; session: Session }) {
  const set = (change: Partial<CaseloadRoute>) => navigate({ ...route, ...change, page: 'caseload' });
  const areas = useLoad('areas', () => areaList(() => getJson('/areas')));
  const query = {
    area: route.area, category: route.category, level: route.level, leadAgency: route.leadAgency,
    reviewOverdue: route.flag === 'review-overdue' ? 'true' : undefined, eligibilityLapsed: route.flag === 'eligibility-lapsed' ? 'true' : undefined, limit: PAGE_SIZE,
  };
  const key = JSON.stringify(query);
  const first = useLoad(key, () => getJson<Caseload>(withQuery('/caseload', query), { purpose: true }));
  const [more, setMore] = useState<{ cases: Item[]; next: string | null; error: string | null }>({ cases: [], next: null, error: null });
  useEffect(() => setMore({ cases: [], next: null, error: null }), [key]);

  const next = more.cases.length > 0 ? more.next : (first.data?.next ?? null);
  const loadMore = async () => {
    if (next === null) return;
    try {
      const page = await getJson<Caseload>(withQuery('/caseload', { ...query, after: next }), { purpose: true });
      setMore((m) => ({ cases: [...m.cases, ...page.cases], next: page.next, error: null }));
    } catch (error) {
      setMore((m) => ({ ...m, error: describeError(error) }));
    }
  };
  const cases = [...(first.data?.cases ?? []), ...more.cases];
  const areaChoices = coversEveryArea(session) ? (areas.data ?? []).map((a) => a.code) : session.areas;
  const name = (code: string) => areas.data?.find((a) => a.code === code)?.name ?? words(code);

  return (
    <>
      <h1>Caseload</h1>
      <PurposeField />
      <form class="controls" aria-label="Filter the caseload" onSubmit={(e) => e.preventDefault()}>
        <Field id="field-area" label="Area">
          <select id="field-area" name="area" value={route.area ?? ''} onChange={(e) => set({ area: e.currentTarget.value || undefined })}>
            <option value="">All my areas</option>
            {areaChoices.map((code) => <option value={code}>{name(code)}</option>)}
          </select>
        </Field>
        <Field id="field-category" label="Category">
          <select id="field-category" name="category" value={route.category ?? ''} onChange={(e) => set({ category: e.currentTarget.value || undefined })}>
            <option value="">Any</option>
            {['1', '2', '3', '4'].map((c) => <option value={c}>Category {c}</option>)}
          </select>
        </Field>
        <Field id="field-level" label="Level">
          <select id="field-level" name="level" value={route.level ?? ''} onChange={(e) => set({ level: e.currentTarget.value || undefined })}>
            <option value="">Any</option>
            {['1', '2', '3'].map((l) => <option value={l}>Level {l}</option>)}
          </select>
        </Field>
        <Field id="field-leadAgency" label="Lead agency">
          <select id="field-leadAgency" name="leadAgency" value={route.leadAgency ?? ''} onChange={(e) => set({ leadAgency: e.currentTarget.value || undefined })}>
            <option value="">Any</option>
            {AGENCIES.map((a) => <option value={a}>{words(a)}</option>)}
          </select>
        </Field>
        <Field id="field-flag" label="Flag">
          <select id="field-flag" name="flag" value={route.flag ?? ''} onChange={(e) => set({ flag: e.currentTarget.value || undefined })}>
            <option value="">Any</option>
            <option value="review-overdue">Review overdue</option>
            <option value="eligibility-lapsed">Eligibility lapsed</option>
          </select>
        </Field>
      </form>
      {first.error !== null && <p role="alert" class="error">The caseload could not be loaded: {first.error}</p>}
      {first.loading && <p role="status">Loading the caseload…</p>}
      {first.data && (
        <>
          <CaseloadCounts counts={first.data.counts} asOf={first.data.asOf} />
          <table class="caseload" data-table="caseload">
            <caption>Open cases matching the filters, as they stand on {showDate(first.data.asOf)}: {cases.length} of {first.data.counts.total} shown</caption>
            <thead>
              <tr>
                {['Case', 'Area', 'Local unit', 'Lead agency', 'Level', 'Category', 'In custody', 'Last meeting', 'Next review due', 'Flags'].map((h) => <th scope="col">{h}</th>)}
              </tr>
            </thead>
            <tbody>
              {cases.map((c) => (
                <tr data-case={c.caseId}>
                  <th scope="row"><a href={hashOf({ page: 'case', caseId: c.caseId })}>{c.caseId}</a></th>
                  <td>{name(c.area)}</td>
                  <td>{c.localUnit ?? 'none'}</td>
                  <td>{words(c.leadAgency)}</td>
                  <td>{c.level}</td>
                  <td>{c.category ?? 'none'}</td>
                  <td>{c.inCustody ? 'yes' : 'no'}</td>
                  <td>{c.lastMeetingOn ? showDate(c.lastMeetingOn) : 'none'}</td>
                  <td>{c.nextReviewDue ? showDate(c.nextReviewDue) : 'none'}</td>
                  <td>
                    {c.reviewOverdue && <span class="flag overdue">Review overdue</span>}
                    {c.eligibilityLapsed && <span class="flag lapsed">Eligibility lapsed</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {next !== null && <button type="button" onClick={() => void loadMore()}>Show the next {PAGE_SIZE}</button>}
          {more.error !== null && <p role="alert" class="error">{more.error}</p>}
        </>
      )}
    </>
  );
}

function CaseloadCounts({ counts, asOf }: { counts: Counts; asOf: string }) {
  return (
    <dl class="counts" aria-label={`Counts on ${asOf}`}>
      <div><dt>Open cases</dt><dd>{counts.total}</dd></div>
      <div><dt>Category 1 / 2 / 3 / 4 / none</dt><dd>{counts.byCategory['1']} / {counts.byCategory['2']} / {counts.byCategory['3']} / {counts.byCategory['4'] ?? 0} / {counts.byCategory['none']}</dd></div>
      <div><dt>Level 1 / 2 / 3</dt><dd>{counts.byLevel['1']} / {counts.byLevel['2']} / {counts.byLevel['3']}</dd></div>
      <div><dt>Review overdue</dt><dd>{counts.reviewOverdue}</dd></div>
      <div><dt>Eligibility lapsed</dt><dd>{counts.eligibilityLapsed}</dd></div>
    </dl>
  );
}
