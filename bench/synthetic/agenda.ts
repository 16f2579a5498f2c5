import type { BusinessDate } from '../../src/domain/shared/business-date.js';

/**
 * Steps of a story collected in any order and run in business-date order (ties in the order
 * they were added), so independent threads of a life (release, moves, meetings, orders) can be
 * planned separately and still reach the case as one dated sequence.
 */
export class Agenda {
  readonly #steps: { readonly on: BusinessDate; readonly seq: number; readonly run: () => void }[] = [];

  at(on: BusinessDate, run: () => void): this {
    this.#steps.push({ on, seq: this.#steps.length, run });
    return this;
  }

  /** Whether no step is planned from `from` to `to`, both included. */
  quietBetween(from: BusinessDate, to: BusinessDate): boolean {
    return this.#steps.every((step) => step.on < from || step.on > to);
  }

  run(): void {
    const steps = [...this.#steps].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : a.seq - b.seq));
    for (const step of steps) step.run();
  }
}
