import { describe, expect, it } from 'vitest';
import { isOrderTypeAvailable, ORDER_REGIME_SWITCH } from '../../../src/domain/rules/civil-orders.js';

describe('civil-order availability by date', () => {
  it('switches from SOPO/FTO to SHPO/SRO on 8 March 2015; NO is always available', () => {
    expect(ORDER_REGIME_SWITCH).toBe('2015-03-08');
    const on = (date: string) => (['SOPO', 'FTO', 'SHPO', 'SRO', 'NO'] as const).filter((t) => isOrderTypeAvailable(t, date));
    expect(on('2015-03-07')).toEqual(['SOPO', 'FTO', 'NO']);
    expect(on('2015-03-08')).toEqual(['SHPO', 'SRO', 'NO']);
  });
});
