import { Field } from '../field.js';
import { cellName } from '../../../src/projections/annual-return/report-labels.js';
import { ChartWithTable } from '../charts/chart-with-table.js';
import { PlotChart } from '../charts/plot-chart.js';
import { showFigure, yearLabel } from '../format.js';
import { startYearOf, type AnnualReturn, type ReturnFormat } from '../model/annual-return.js';
import { trendOf } from '../model/series.js';

/** One row of the return across every year the log covers, a line per cell, with its table. */
export function ReturnTrend({ returns, format, row, place, onRow }: { returns: readonly AnnualReturn[]; format: ReturnFormat; row: string; place: string; onRow: (row: string) => void }) {
  const rows = returns[returns.length - 1]?.rows ?? [];
  const chosen = rows.find((r) => r.id === row) ?? rows[0];
  if (chosen === undefined) return null;
  const { cells, points } = trendOf(returns, chosen.id);
  const years = returns.map((r) => r.reportingYear);
  const label = `${chosen.id} ${chosen.label}, ${place}, ${years[0]} to ${years[years.length - 1]}`;
  return (
    <section class="trend" aria-labelledby="trend-heading">
      <h2 id="trend-heading">Across the years</h2>
      <form class="controls" aria-label="Choose a row" onSubmit={(e) => e.preventDefault()}>
        <Field id="field-row" label={`Row (format ${format})`}>
          <select id="field-row" name="row" value={chosen.id} onChange={(e) => onRow(e.currentTarget.value)}>
            {rows.map((r) => <option value={r.id}>{r.id} {r.label}</option>)}
          </select>
        </Field>
      </form>
      <ChartWithTable
        id="trend"
        title={label}
        description="A line per cell of the row, one point per reporting year."
        chart={
          <PlotChart
            label="trend"
            inputs={[chosen.id, returns]}
            draw={(Plot) =>
              Plot.plot({
                className: 'plot',
                width: 560,
                height: 300,
                marginLeft: 48,
                x: { label: 'Reporting year', tickFormat: (y: number) => yearLabel(y), ticks: Math.min(years.length, 6) },
                y: { label: chosen.id === 'R09' || chosen.id === 'E04' ? 'Per 100,000' : 'Offenders', grid: true, zero: true },
                color: { legend: true, domain: cells.map(cellName), scheme: 'tableau10' },
                marks: [
                  Plot.ruleY([0]),
                  Plot.lineY(points.filter((p) => p.value !== null), { x: (p) => startYearOf(p.year), y: 'value', stroke: (p) => cellName(p.cell), marker: 'circle' }),
                ],
              })
            }
          />
        }
        table={
          <table class="figures" data-table="trend">
            <caption>{label}</caption>
            <thead>
              <tr>
                <th scope="col">Year</th>
                {cells.map((cell) => <th scope="col">{cellName(cell)}</th>)}
              </tr>
            </thead>
            <tbody>
              {years.map((year) => (
                <tr data-year={year}>
                  <th scope="row">{year}</th>
                  {cells.map((cell) => <td class="figure">{showFigure(points.find((p) => p.year === year && p.cell === cell)?.value)}</td>)}
                </tr>
              ))}
            </tbody>
          </table>
        }
      />
    </section>
  );
}
