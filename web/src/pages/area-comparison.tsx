import { ChartWithTable } from '../charts/chart-with-table.js';
import { PlotChart } from '../charts/plot-chart.js';
import { showFigure } from '../format.js';
import type { AnnualReturn } from '../model/annual-return.js';
import { ratesByArea } from '../model/series.js';

/** Registered sexual offenders per 100,000 in each area the caller covers, with its table. */
export function AreaComparison({ returns, year, names }: { returns: readonly AnnualReturn[]; year: string; names: ReadonlyMap<string, string> }) {
  const rates = ratesByArea(returns);
  const charted = rates.filter((r) => r.rate !== null);
  const name = (code: string) => names.get(code) ?? code;
  const title = `Registered sexual offenders per 100,000 head of population, ${year}, by area`;
  return (
    <section class="comparison" aria-labelledby="comparison-heading">
      <h2 id="comparison-heading">Areas compared</h2>
      <ChartWithTable
        id="comparison"
        title={title}
        description={charted.length < rates.length ? `${rates.length - charted.length} of ${rates.length} areas have no population recorded for ${year}, so no rate: they are in the table only.` : undefined}
        chart={
          charted.length === 0 ? (
            <p>No area has a population recorded for {year}.</p>
          ) : (
            <PlotChart
              label="comparison"
              inputs={[returns]}
              draw={(Plot) =>
                Plot.plot({
                  className: 'plot',
                  width: 560,
                  height: 40 + 22 * charted.length,
                  marginLeft: 170,
                  x: { label: 'Per 100,000', grid: true },
                  y: { label: null, domain: charted.map((r) => name(r.area)) },
                  marks: [
                    Plot.barX(charted, { x: 'rate', y: (r) => name(r.area), fill: '#1d3c6e' }),
                    Plot.text(charted, { x: 'rate', y: (r) => name(r.area), text: (r) => String(r.rate), dx: 4, textAnchor: 'start' }),
                    Plot.ruleX([0]),
                  ],
                })
              }
            />
          )
        }
        table={
          <table class="figures" data-table="comparison">
            <caption>{title}</caption>
            <thead>
              <tr>
                <th scope="col">Area</th>
                <th scope="col">Registered sexual offenders at 31 March</th>
                <th scope="col">Per 100,000</th>
              </tr>
            </thead>
            <tbody>
              {rates.map((r) => (
                <tr data-area={r.area}>
                  <th scope="row">{name(r.area)}</th>
                  <td class="figure">{showFigure(r.registered)}</td>
                  <td class="figure">{r.rate === null ? 'no population recorded' : showFigure(r.rate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        }
      />
    </section>
  );
}
