import type { ComponentChildren } from 'preact';

/**
 * Every chart comes with the table of its figures beside it: the same numbers for a screen
 * reader, a keyboard user or anyone who wants the values rather than the shape.
 */
export function ChartWithTable({ id, title, description, chart, table, stacked = false }: { id: string; title: string; description?: string; chart: ComponentChildren; table: ComponentChildren; stacked?: boolean }) {
  return (
    <figure class="chart-with-table" aria-labelledby={`${id}-title`} data-figure={id}>
      <figcaption id={`${id}-title`}>
        <span class="figure-title">{title}</span>
        {description !== undefined && <span class="figure-description">{description}</span>}
      </figcaption>
      <div class={stacked ? 'chart-and-table stacked' : 'chart-and-table'}>
        <div class="chart-side" aria-hidden="true">{chart}</div>
        {/* Focusable, so a keyboard user can scroll a table wider or longer than its place. */}
        <div class="table-side" tabIndex={0} role="region" aria-label={`${title}: table`}>{table}</div>
      </div>
    </figure>
  );
}
