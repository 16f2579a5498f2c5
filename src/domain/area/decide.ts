import type { AreaEvent } from './events.js';

type PopulationRecorded = Extract<AreaEvent, { type: 'AreaPopulationRecorded' }>;

/** An admin records an area's population for a reporting year (reference data for the return's rates). */
export type RecordAreaPopulation = Omit<PopulationRecorded, 'type'> & { readonly type: 'RecordAreaPopulation' };
export type AreaCommand = RecordAreaPopulation;

/** An area's reference data: the latest population recorded for each reporting year. */
export type AreaState = { readonly populations: ReadonlyMap<string, PopulationRecorded> };

export const initialState: AreaState = { populations: new Map() };

export function evolve(state: AreaState, event: AreaEvent): AreaState {
  switch (event.type) {
    case 'AreaPopulationRecorded':
      return { populations: new Map(state.populations).set(event.reportingYear, event) };
    default: {
      const unhandled: never = event.type;
      throw new Error(`unhandled area event ${String(unhandled)}`);
    }
  }
}

/** The area as its events leave it. */
export const areaOf = (events: Iterable<AreaEvent>): AreaState => {
  let state = initialState;
  for (const event of events) state = evolve(state, event);
  return state;
};

/**
 * Recording the figure, basis and source already latest for that year changes nothing (no
 * event), so a repeated request or a re-run import is harmless; any other figure is recorded.
 */
export function decide(command: AreaCommand, state: AreaState): readonly AreaEvent[] {
  const { type: _type, ...figure } = command;
  const current = state.populations.get(figure.reportingYear);
  if (current && current.population === figure.population && current.basis === figure.basis && current.source === figure.source) return [];
  return [{ type: 'AreaPopulationRecorded', ...figure }];
}
