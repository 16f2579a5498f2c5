import { ChartWithTable } from '../charts/chart-with-table.js';
import { PlotChart } from '../charts/plot-chart.js';
import { showDate, showInstant, words } from '../format.js';
import { inStateOf, LATE_AFTER_DAYS, type PointKind, type TimelinePoint } from '../model/timeline-points.js';

const KINDS: readonly Exclude<PointKind, 'undated'>[] = ['on-time', 'late', 'backdated', 'retracted'];
/** Events without a business date (retractions) are drawn as a line at the instant they were recorded. */
const UNDATED_COLOUR = '#595959';
const KIND_NAMES: Record<PointKind, string> = { 'on-time': 'recorded on time', late: 'recorded late', backdated: 'backdated', retracted: 'retracted', undated: 'correction' };
const KIND_COLOURS: Record<Exclude<PointKind, 'undated'>, string> = { 'on-time': '#1d3c6e', late: '#a34700', backdated: '#a1005c', retracted: '#595959' };
const KIND_SYMBOLS: Record<Exclude<PointKind, 'undated'>, string> = { 'on-time': 'circle', late: 'square', backdated: 'diamond', retracted: 'times' };

/**
 * The case's events on two axes: the business date each is about (across) against the instant
 * it was recorded (up). Records made on their day sit on the diagonal; late ones stand above
 * it, backdated ones left of facts recorded before them. The chosen date and instant cut the
 * plane: the state shown is folded from the events left of the one and below the other.
 */
export function CaseTimeline({ points, asOf, knownAt, chosenDay }: { points: readonly TimelinePoint[]; asOf: string; knownAt: string | null; chosenDay: boolean }) {
  const utc = (date: string) => new Date(`${date}T12:00:00Z`);
  const dated = points.filter((p) => p.kind !== 'undated');
  const undated = points.filter((p) => p.kind === 'undated');
  const dates = dated.flatMap((p) => [p.event.occurredOn!, p.recordedOn]).sort();
  const diagonal = dates.length > 0 ? [utc(dates[0]!), utc(dates[dates.length - 1]!)] : [];
  const dot = {
    x: (p: TimelinePoint) => utc(p.event.occurredOn!),
    y: (p: TimelinePoint) => new Date(p.event.recordedAt),
    symbol: (p: TimelinePoint) => KIND_NAMES[p.kind],
    r: 4.5,
    title: (p: TimelinePoint) => `${p.order}. ${p.event.type}, ${p.event.occurredOn}, recorded ${p.event.recordedAt}`,
  };
  const title = `Events of the case: business date against the instant recorded (${points.length} events)`;
  return (
    <ChartWithTable
      id="timeline"
      stacked
      title={title}
      description={`On the diagonal: recorded on the day it is about. Late: recorded more than ${LATE_AFTER_DAYS} days after its day. Backdated: dated before a fact already on record. Retracted: taken back by a correction (struck through); a correction itself, dated by no business day, is a dotted line at the instant it was recorded.`}
      chart={
        <PlotChart
          label="timeline"
          inputs={[points, asOf, knownAt, chosenDay]}
          draw={(Plot) =>
            Plot.plot({
              className: 'plot',
              width: 760,
              height: 400,
              marginLeft: 60,
              x: { type: 'utc', label: 'Business date (occurredOn)', grid: true, ticks: 6 },
              y: { type: 'utc', label: 'Recorded at (recordedAt)', grid: true, ticks: 6 },
              color: { domain: KINDS.map((k) => KIND_NAMES[k]), range: KINDS.map((k) => KIND_COLOURS[k]) },
              symbol: { domain: KINDS.map((k) => KIND_NAMES[k]), range: KINDS.map((k) => KIND_SYMBOLS[k]), legend: true },
              marks: [
                Plot.line(diagonal, { x: (d: Date) => d, y: (d: Date) => d, stroke: '#767676', strokeDasharray: '4,3' }),
                // The chosen day and instant, when chosen (today and "everything recorded" cut nothing).
                ...(chosenDay ? [Plot.ruleX([utc(asOf)], { stroke: '#222', strokeWidth: 1.5 })] : []),
                ...(knownAt !== null ? [Plot.ruleY([new Date(knownAt)], { stroke: '#222', strokeWidth: 1.5 })] : []),
                // Records made on time are hollow, so the marked ones stand out among them.
                ...(undated.length > 0 ? [Plot.ruleY(undated, { y: (p: TimelinePoint) => new Date(p.event.recordedAt), stroke: UNDATED_COLOUR, strokeDasharray: '2,3' })] : []),
                Plot.dot(dated.filter((p) => p.kind === 'on-time'), { ...dot, stroke: (p: TimelinePoint) => KIND_NAMES[p.kind], fill: 'white' }),
                Plot.dot(dated.filter((p) => p.kind !== 'on-time'), { ...dot, fill: (p: TimelinePoint) => KIND_NAMES[p.kind] }),
              ],
            })
          }
        />
      }
      table={
        <table class="events" data-table="events">
          <caption>{title}, in timeline order</caption>
          <thead>
            <tr>{['#', 'Business date', 'Recorded at', 'Event', 'By', 'Days late', 'Marks', 'In the state shown'].map((h) => <th scope="col">{h}</th>)}</tr>
          </thead>
          <tbody>
            {points.map((p) => {
              const inState = inStateOf(p, asOf, knownAt);
              return (
                <tr data-event={p.event.eventId} data-kind={p.kind} class={`${p.retracted ? 'retracted' : ''} ${inState ? '' : 'outside'}`.trim()}>
                  <th scope="row">{p.order}</th>
                  <td>{p.event.occurredOn ? showDate(p.event.occurredOn) : 'none (a correction)'}</td>
                  <td>{showInstant(p.event.recordedAt)}</td>
                  <td data-type={p.event.type}>
                    {p.retracted ? <del>{p.event.type}</del> : p.event.type}
                    {p.retracted && <span class="retraction"> retracted by {p.event.retractedBy}{p.event.retractedAt ? ` at ${showInstant(p.event.retractedAt)}` : ''}</span>}
                  </td>
                  <td>{p.event.actor.id} ({words(p.event.actor.role)})</td>
                  <td>{p.lagDays ?? ''}</td>
                  <td>{p.kind === 'undated' ? 'correction' : [p.late && 'late', p.backdated && 'backdated', p.retracted && 'retracted'].filter(Boolean).join(', ') || 'on time'}</td>
                  <td>{inState ? 'yes' : 'no'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      }
    />
  );
}
