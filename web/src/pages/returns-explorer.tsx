import { Field } from '../field.js';
import { useEffect, useState } from 'preact/hooks';
import { ApiError, getJson, withQuery } from '../api.js';
import { navigate } from '../router.js';
import { apiOffers } from '../capabilities.js';
import { isoOfLocalInput, lastCompleteYear, localInputOf, londonToday, showInstant } from '../format.js';
import { areaList, useLoad, type Area } from '../load.js';
import { defaultFormat, eligibleRow, formatsOffered, isReturnFormat, NATIONAL, previousYear, type AnnualReturn, type ReturnFormat } from '../model/annual-return.js';
import { REVISIONS_PATH, type Revisions } from '../model/revisions.js';
import { coversEveryArea, type Session } from '../model/roles.js';
import type { Route } from '../model/route.js';
import { AreaComparison } from './area-comparison.js';
import { ReturnReport } from './return-report.js';
import { ReturnTrend } from './return-trend.js';

type ReturnsRoute = Extract<Route, { page: 'returns' }>;
type Series = { area: string; format: ReturnFormat | null; knownAt: string | null; returns: AnnualReturn[] };
type ByArea = { reportingYear: string; knownAt: string | null; returns: AnnualReturn[] };

/** The returns explorer (analysts): one return in the report's layout, its row across the years, and the areas compared. */
export function ReturnsExplorer({ route, session }: { route: ReturnsRoute; session: Session }) {
  const everyArea = coversEveryArea(session);
  const area = route.area ?? (everyArea ? NATIONAL : session.areas[0]!);
  const year = route.year ?? lastCompleteYear(londonToday());
  // A format the year does not offer (2024 before 2023-24) falls back to the year's default.
  const format: ReturnFormat = isReturnFormat(route.format) && formatsOffered(year).includes(route.format) ? route.format : defaultFormat(year);
  const knownAt = route.knownAt;
  // Only what the reader chose goes into the URL: a format left to its default follows the year.
  const set = (change: Partial<ReturnsRoute>) => navigate({ ...route, ...change, page: 'returns' });

  const areas = useLoad('areas', () => areaList(() => getJson('/areas')));
  const series = useLoad(`${area}|${format}|${knownAt ?? ''}`, () => getJson<Series>(withQuery('/returns', { area, format, knownAt })));
  // A series in format 2024 holds only the years that offer it (2023-24 on): the years to choose from come from one without a format.
  const everyYear = useLoad(format === '2024' ? `years|${area}|${knownAt ?? ''}` : null, () => getJson<Series>(withQuery('/returns', { area, knownAt })));
  const byArea = useLoad(`${year}|${format}|${knownAt ?? ''}`, () => getJson<ByArea>(withQuery(`/returns/${year}/areas`, { format, knownAt })));
  const revisions = useRevisions(area, year, knownAt);

  const shown = series.data?.returns.find((r) => r.reportingYear === year);
  const previous = series.data?.returns.find((r) => r.reportingYear === previousYear(year));
  const listed = [...(series.data?.returns ?? []), ...(everyYear.data?.returns ?? [])].map((r) => r.reportingYear);
  const years = [...new Set([...listed, year])].sort();
  const names = new Map((areas.data ?? []).map((a) => [a.code, a.name]));
  const place = area === NATIONAL ? 'England and Wales' : (names.get(area) ?? area);
  const areaChoices: readonly Area[] = everyArea ? (areas.data ?? []) : session.areas.map((code) => ({ code, name: names.get(code) ?? code }));

  return (
    <>
      <h1>Annual returns</h1>
      <form class="controls" aria-label="Choose a return" onSubmit={(e) => e.preventDefault()}>
        <Field id="field-area" label="Area">
          <select id="field-area" name="area" value={area} onChange={(e) => set({ area: e.currentTarget.value })}>
            {everyArea && <option value={NATIONAL}>England and Wales</option>}
            {areaChoices.map((a) => <option value={a.code}>{a.name}</option>)}
          </select>
        </Field>
        <Field id="field-year" label="Reporting year">
          <select id="field-year" name="year" value={year} onChange={(e) => set({ year: e.currentTarget.value })}>
            {years.map((y) => <option value={y}>{y}</option>)}
          </select>
        </Field>
        <Field id="field-format" label="Format">
          <select id="field-format" name="format" value={format} onChange={(e) => set({ format: e.currentTarget.value, row: undefined })}>
            <option value="2008">2008 (R01-R13)</option>
            <option value="2015">2015 (E01-E10)</option>
            {formatsOffered(year).includes('2024') && <option value="2024">2024 (E01-E10, category 4)</option>}
          </select>
        </Field>
        <KnownAtInput value={knownAt} onChange={(value) => set({ knownAt: value })} />
      </form>
      {series.error !== null && <p role="alert" class="error">The returns could not be loaded: {series.error}</p>}
      {series.loading && <p role="status">Loading the returns…</p>}
      {series.data && !shown && <p role="status">The log holds no figures for {place} in {year}{knownAt ? ` as known at ${showInstant(knownAt)}` : ''}.</p>}
      {shown && <ReturnReport result={shown} previous={previous} place={place} revisions={revisions} />}
      {series.data && series.data.returns.length > 0 && (
        <ReturnTrend returns={series.data.returns} format={format} row={route.row ?? eligibleRow(format)} place={place} onRow={(row) => set({ row })} />
      )}
      {byArea.error !== null && <p role="alert" class="error">The areas could not be compared: {byArea.error}</p>}
      {byArea.data && <AreaComparison returns={byArea.data.returns} year={year} names={names} />}
    </>
  );
}

/** `knownAt`: the returns as they stood at an instant, e.g. when one was submitted. */
function KnownAtInput({ value, onChange }: { value: string | undefined; onChange: (value: string | undefined) => void }) {
  const [text, setText] = useState(localInputOf(value));
  useEffect(() => setText(localInputOf(value)), [value]);
  return (
    <div class="known-at">
      <Field id="field-knownAt" label="As known at (your local time; empty: everything recorded)">
        <input id="field-knownAt" type="datetime-local" name="knownAt" step={1} value={text} onInput={(e) => setText(e.currentTarget.value)} onChange={(e) => onChange(isoOfLocalInput(e.currentTarget.value))} />
      </Field>
      {value !== undefined && <button type="button" onClick={() => onChange(undefined)}>Show everything recorded</button>}
    </div>
  );
}

/**
 * The revisions of the return since its submission (docs/DOMAIN.md section 11), asked only when the
 * API lists the route and the return is shown as it stands now; otherwise there is none to show.
 */
function useRevisions(area: string, year: string, knownAt: string | undefined): Revisions | null {
  const offered = useLoad('revisions-offered', () => apiOffers(REVISIONS_PATH));
  // The latest submission's revisions; its cells are keyed by row id, so they mark only a return shown in the submission's format.
  const loaded = useLoad(offered.data === true && knownAt === undefined ? `${area}|${year}` : null, () =>
    getJson<Revisions>(withQuery(`/returns/${year}/revisions`, { area })).catch((error: unknown) => {
      // No submission of this return yet: nothing has been revised.
      if (error instanceof ApiError && error.problem.status === 404) return null;
      throw error;
    }),
  );
  return loaded.data ?? null;
}
