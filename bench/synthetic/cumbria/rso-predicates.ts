import { addDays, type BusinessDate } from '../../../src/domain/shared/business-date.js';
import type { RsoCareer } from '../careers.js';
import type { Rng } from '../prng.js';
import { HISTORY_END, SNAPSHOT } from './calendar.js';
import { CUMBRIA_UNITS } from './places.js';

/** What registered-offender stories ask of a drawn career, and the days they ask it about. */
export const DAY_AFTER_SNAPSHOT = addDays(SNAPSHOT, 1);
export const PAST_HISTORY = addDays(HISTORY_END, 1);

export const registeredThrough = (c: RsoCareer, day: BusinessDate) => c.lastDay === null || c.lastDay >= day;

/** Out of custody before `day`, or referred only after release. */
export const releasedBefore = (c: RsoCareer, day: BusinessDate, referredOn: BusinessDate) =>
  c.sentence === null || c.sentence.releasedOn < day || referredOn >= c.sentence.releasedOn;

export const randomUnit = (r: Rng) => r.pick(CUMBRIA_UNITS);
