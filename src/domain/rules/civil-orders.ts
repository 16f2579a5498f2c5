import type { BusinessDate } from '../shared/business-date.js';
import type { OrderType } from '../case/vocabulary.js';
import { inForceOn, type Edition } from './editions.js';

/**
 * The Anti-social Behaviour, Crime and Policing Act 2014 replaced SOPOs and FTOs with SHPOs and
 * SROs from 8 March 2015; orders made before then stay in force and can still be breached.
 */
export const ORDER_REGIME_SWITCH: BusinessDate = '2015-03-08';

/** The civil orders that may be applied for or made, by edition. */
export const ORDER_EDITIONS: readonly Edition<readonly OrderType[]>[] = [
  { effectiveFrom: null, source: 'Sexual Offences Act 2003 (SOPO, NO, FTO)', provisional: false, rules: ['SOPO', 'NO', 'FTO'] },
  { effectiveFrom: ORDER_REGIME_SWITCH, source: 'Anti-social Behaviour, Crime and Policing Act 2014 (SHPO, SRO replace SOPO, FTO)', provisional: false, rules: ['NO', 'SHPO', 'SRO'] },
];

export function isOrderTypeAvailable(type: OrderType, date: BusinessDate): boolean {
  return inForceOn(ORDER_EDITIONS, date).rules.includes(type);
}
