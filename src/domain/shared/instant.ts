import { z } from 'zod';
import { isWithinWireYears, WIRE_YEARS } from './business-date.js';

/**
 * An instant on the wire (`knownAt`, audit bounds): ISO 8601 with a time zone offset, its year
 * within WIRE_YEARS like every date of the wire format.
 */
export const instant = z.iso
  .datetime({ offset: true, message: 'must be an ISO 8601 instant with its offset, e.g. 2026-11-24T10:00:00Z' })
  .refine(isWithinWireYears, { message: `must be an instant from ${WIRE_YEARS.first} to ${WIRE_YEARS.last}` });
