import { useState } from 'preact/hooks';
import { cellName, reportHeading } from '../../../src/projections/annual-return/report-labels.js';
import { describeError, getText, withQuery } from '../api.js';
import { showFigure, showInstant } from '../format.js';
import { startYearOf, type AnnualReturn } from '../model/annual-return.js';
import { identitiesOf } from '../model/identities.js';
import { cellKey, revisedCells, revisionsNote, type Revisions } from '../model/revisions.js';

/**
 * One return in the layout of the published report: each row under the report's heading, each
 * cell under the report's name for it; revised figures marked (R) with the revisions note when
 * the API gives revisions; the identities the figures must satisfy, checked; a CSV download.
 */
export function ReturnReport({ result, previous, place, revisions }: { result: AnnualReturn; previous: AnnualReturn | undefined; place: string; revisions: Revisions | null }) {
  const start = startYearOf(result.reportingYear);
  const revised = revisedCells(revisions);
  const note = revisionsNote(revisions);
  const identities = identitiesOf(result, previous);
  return (
    <section class="return-report" aria-labelledby="return-heading">
      <h2 id="return-heading">MAPPA Statistical Information {start}/{String((start + 1) % 100).padStart(2, '0')} – {place}</h2>
      <p class="return-meta">
        Format {result.format}. {result.knownAt === null ? 'Everything recorded up to now.' : `As known at ${showInstant(result.knownAt)} (${result.knownAt}).`}
      </p>
      <CsvDownload result={result} />
      <div class="return-body">
        <table class="report" data-return={`${result.area}/${result.reportingYear}/${result.format}`}>
          <caption>The {result.reportingYear} return for {place}, row by row</caption>
          {result.rows.map((row) => (
            <tbody data-row={row.id}>
              <tr class="row-heading">
                <th colSpan={2} scope="rowgroup" id={`row-${row.id}`}>
                  <span class="row-id">{row.id}</span> {reportHeading(row, start, place)}
                </th>
              </tr>
              {Object.entries(row.cells).map(([cell, value]) => (
                <tr data-cell={cell}>
                  <th scope="row" headers={`row-${row.id}`}>{cellName(cell)}</th>
                  <td class="figure">
                    {showFigure(value)}
                    {revised.has(cellKey(row.id, cell)) && <span class="revised"> (R)</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          ))}
        </table>
        <div class="return-aside">
          {note !== null && <p class="revisions-note" data-revisions-note>{note}</p>}
          <section class="identities" aria-labelledby="identities-heading">
            <h3 id="identities-heading">Identities</h3>
            <p>Sums the figures must satisfy by the definition of the return, checked on the figures shown.</p>
            <ul>
              {identities.map((identity) => (
                <li class={identity.holds ? 'holds' : 'fails'}>
                  <span class="verdict">{identity.holds ? 'Holds' : 'Does not hold'}</span>: {identity.name} <span class="equation">({identity.equation})</span>
                </li>
              ))}
            </ul>
          </section>
        </div>
      </div>
    </section>
  );
}

/** The same return as CSV, from the API (`Accept: text/csv`), saved as a file. */
function CsvDownload({ result }: { result: AnnualReturn }) {
  const [error, setError] = useState<string | null>(null);
  const download = async () => {
    setError(null);
    try {
      const csv = await getText(withQuery(`/returns/${result.reportingYear}`, { area: result.area, format: result.format, knownAt: result.knownAt }), 'text/csv');
      const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = `mappa-return-${result.area}-${result.reportingYear}-${result.format}.csv`;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    } catch (e) {
      setError(describeError(e));
    }
  };
  return (
    <p class="downloads">
      <button type="button" onClick={() => void download()}>Download CSV</button>
      {error !== null && <span role="alert" class="error"> The CSV could not be downloaded: {error}</span>}
    </p>
  );
}
