import { z } from 'zod';
import { isWithinWireYears, WIRE_YEARS } from './business-date.js';

/**
 * An instant on the wire (`knownAt`, audit bounds): ISO 8601 with a time zone offset, its year
 * within WIRE_YEARS like every date of the wire format.
 */
export const instant = z.iso
  .datetime({ offset: true })
  .refine(isWithinWireYears, { message: `must be an instant from ${WIRE_YEARS.first} to ${WIRE_YEARS.last}` });
