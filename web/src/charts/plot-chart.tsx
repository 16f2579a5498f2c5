import { useEffect, useRef } from 'preact/hooks';

export type PlotModule = typeof import('@observablehq/plot');

let plot: Promise<PlotModule> | undefined;
/** Observable Plot is loaded with the first chart, so signing in and the caseload do not wait for it. */
const loadPlot = () => (plot ??= import('@observablehq/plot'));

/**
 * Plot puts a `<style>` element in each chart; the page's CSP allows no inline style, so it is
 * taken out before the chart reaches the document and styles.css carries the same rules for
 * the `plot` class.
 */
function withoutInlineStyle(node: Element): Element {
  for (const style of node.querySelectorAll('style')) style.remove();
  return node;
}

/** A chart drawn by Observable Plot; `draw` runs again whenever one of `inputs` changes. */
export function PlotChart({ draw, inputs, label }: { draw: (Plot: PlotModule) => Element; inputs: readonly unknown[]; label: string }) {
  const holder = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let current = true;
    void loadPlot().then((Plot) => {
      if (current && holder.current) holder.current.replaceChildren(withoutInlineStyle(draw(Plot)));
    });
    return () => {
      current = false;
    };
    // `draw` is a new closure on each render; `inputs` say when what it draws has changed.
  }, inputs);
  return <div class="chart" ref={holder} data-chart={label} />;
}
