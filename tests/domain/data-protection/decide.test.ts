import { describe, expect, it } from 'vitest';
import { decide, erases, initialStanding, standingOf, type DatedDataProtectionEvent } from '../../../src/domain/data-protection/decide.js';
import { dataProtectionEvents, recordRetentionReview } from '../../../src/domain/data-protection/events.js';
import { firstReviewDue, RETENTION_EDITIONS } from '../../../src/domain/rules/retention.js';

const on = (recordedOn: string, event: DatedDataProtectionEvent['event']): DatedDataProtectionEvent => ({ event, recordedOn });

describe('data protection: erasure and retention review', () => {
  it('erases: one SubjectDataErased with the reason, and the key is to be destroyed', () => {
    const decided = decide({ type: 'EraseSubjectData', reason: 'court order' }, initialStanding, '2030-01-01');
    expect(decided).toEqual({ ok: true, value: [{ type: 'SubjectDataErased', reason: 'court order' }] });
    expect(erases(decided.ok ? decided.value : [])).toBe(true);
  });

  it('refuses to erase twice, and any review after an erasure', () => {
    const erased = standingOf([on('2030-01-01', { type: 'SubjectDataErased', reason: 'court order' })]);
    expect(erased.erased).toBe(true);
    expect(decide({ type: 'EraseSubjectData', reason: 'again' }, erased, '2030-01-02')).toMatchObject({ ok: false, error: { code: 'subject-already-erased' } });
    expect(decide({ type: 'RecordRetentionReview', outcome: 'restrict', reason: 'x' }, erased, '2030-01-02')).toMatchObject({ ok: false, error: { code: 'subject-already-erased' } });
  });

  it('retain needs a next review after the day of the review, refused naming nextReviewDue', () => {
    expect(decide({ type: 'RecordRetentionReview', outcome: 'retain', reason: 'live risk', nextReviewDue: '2030-01-01' }, initialStanding, '2030-01-01')).toMatchObject({
      ok: false,
      error: { code: 'next-review-not-after-review', field: 'nextReviewDue' },
    });
    const parsed = recordRetentionReview.safeParse({ type: 'RecordRetentionReview', outcome: 'retain', reason: 'live risk' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['nextReviewDue']);
  });

  it('restrict restricts, a later retain lifts it, dispose erases; the last review and the next due are kept', () => {
    const restricted = standingOf([on('2030-01-01', { type: 'RetentionReviewRecorded', outcome: 'restrict', reason: 'dispute' })]);
    expect(restricted).toEqual({ erased: false, restricted: true, lastReview: { outcome: 'restrict', on: '2030-01-01' }, nextReviewDue: null });
    const retained = standingOf([
      on('2030-01-01', { type: 'RetentionReviewRecorded', outcome: 'restrict', reason: 'dispute' }),
      on('2030-02-01', { type: 'RetentionReviewRecorded', outcome: 'retain', reason: 'resolved', nextReviewDue: '2035-02-01' }),
    ]);
    expect(retained).toEqual({ erased: false, restricted: false, lastReview: { outcome: 'retain', on: '2030-02-01' }, nextReviewDue: '2035-02-01' });
    const disposed = standingOf([on('2030-03-01', { type: 'RetentionReviewRecorded', outcome: 'dispose', reason: 'period over' })]);
    expect(disposed.erased).toBe(true);
    expect(erases([{ type: 'RetentionReviewRecorded', outcome: 'dispose', reason: 'period over' }])).toBe(true);
    expect(erases([{ type: 'RetentionReviewRecorded', outcome: 'retain', reason: 'r', nextReviewDue: '2031-01-01' }])).toBe(false);
  });

  it('stored forms are version 1 and decode strictly', () => {
    const encoded = dataProtectionEvents.encode({ type: 'RetentionReviewRecorded', outcome: 'retain', reason: 'r', nextReviewDue: '2031-01-01' });
    expect(encoded.schemaVersion).toBe(1);
    expect(dataProtectionEvents.decode(encoded.type, 1, encoded.data)).toEqual({ type: 'RetentionReviewRecorded', outcome: 'retain', reason: 'r', nextReviewDue: '2031-01-01' });
    expect(() => dataProtectionEvents.decode('SubjectDataErased', 1, { reason: 'r', subject: 'x' })).toThrow();
  });

  it('the first review is due ten years after closure, a provisional rule', () => {
    expect(firstReviewDue('2014-03-31')).toBe('2024-03-31');
    expect(firstReviewDue('2016-02-29')).toBe('2026-02-28');
    expect(RETENTION_EDITIONS.every((e) => e.provisional)).toBe(true);
  });
});

describe('data protection: when a case is due for its retention review', () => {
  const standing = (over: Partial<import('../../../src/domain/data-protection/decide.js').SubjectStanding>) => ({ ...initialStanding, ...over });
  it('a closed case is first due ten years after closure, and not once reviewed since', async () => {
    const { reviewDueBy } = await import('../../../src/domain/data-protection/review-due.js');
    expect(reviewDueBy('2014-03-31', null, '2024-03-30')).toBeNull();
    expect(reviewDueBy('2014-03-31', null, '2024-03-31')).toEqual({ dueOn: '2024-03-31', review: 'first' });
    expect(reviewDueBy('2014-03-31', standing({ lastReview: { outcome: 'restrict', on: '2024-04-01' }, restricted: true }), '2030-01-01')).toBeNull();
    expect(reviewDueBy('2014-03-31', standing({ lastReview: { outcome: 'restrict', on: '2013-01-01' }, restricted: true }), '2030-01-01')).toEqual({ dueOn: '2024-03-31', review: 'first' });
    expect(reviewDueBy(null, null, '2099-01-01')).toBeNull();
  });
  it('a retained case is due on its next review date; an erased one never', async () => {
    const { reviewDueBy } = await import('../../../src/domain/data-protection/review-due.js');
    const retained = standing({ lastReview: { outcome: 'retain', on: '2024-04-01' }, nextReviewDue: '2029-04-01' });
    expect(reviewDueBy('2014-03-31', retained, '2029-03-31')).toBeNull();
    expect(reviewDueBy('2014-03-31', retained, '2029-04-01')).toEqual({ dueOn: '2029-04-01', review: 'next' });
    expect(reviewDueBy('2014-03-31', standing({ erased: true }), '2099-01-01')).toBeNull();
  });
});
