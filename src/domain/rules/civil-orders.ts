import type { BusinessDate } from '../shared/business-date.js';
import type { OrderType } from '../case/vocabulary.js';

/**
 * When each civil order may be applied for or made. The Anti-social Behaviour, Crime and
 * Policing Act 2014 replaced SOPOs and FTOs with SHPOs and SROs from 8 March 2015; orders
 * made before then stay in force and can still be breached.
 */
export const ORDER_REGIME_SWITCH: BusinessDate = '2015-03-08';

export const ORDER_AVAILABILITY: Readonly<Record<OrderType, { readonly from?: BusinessDate; readonly before?: BusinessDate }>> = {
  SOPO: { before: ORDER_REGIME_SWITCH },
  FTO: { before: ORDER_REGIME_SWITCH },
  SHPO: { from: ORDER_REGIME_SWITCH },
  SRO: { from: ORDER_REGIME_SWITCH },
  NO: {},
};

export function isOrderTypeAvailable(type: OrderType, date: BusinessDate): boolean {
  const { from, before } = ORDER_AVAILABILITY[type];
  return (from === undefined || date >= from) && (before === undefined || date < before);
}
