import { describe, expect, it } from 'vitest';
import { refer } from '../../domain/case/support/builders.js';
import { json, principal } from '../support/api.js';
import type { ApiUnderTest } from './fixture.js';

type AuditPage = { records: Record<string, unknown>[]; next: string | null };

/** GET /audit: the access log for auditors (docs/DOMAIN.md section 9). */
export function describeAudit(subject: ApiUnderTest): void {
  describe('GET /audit', () => {
    const auditor = principal('auditor', { areas: '*' });

    async function reads() {
      const api = subject.api;
      await api.as(principal('coordinator', { areas: '*' })).command('case-1', refer());
      await api.as(principal('coordinator', { areas: '*' })).command('case-2', refer({ area: 'lancashire' }));
      await api.as(principal('reviewer', { sub: 'rev-a' })).get('/cases/case-1', { 'x-purpose': 'quarterly review' });
      api.clock.set('2026-11-25T09:00:00.000Z');
      await api.as(principal('reviewer', { sub: 'rev-b', areas: '*' })).get('/cases/case-2/events');
      await api.as(principal('reviewer', { sub: 'rev-b', areas: '*' })).get('/cases/case-1?asOf=2009-01-01');
    }

    it('lists the records with who, when, what and why; filters by case, actor and time', async () => {
      await reads();
      const all = json(await subject.api.as(auditor).get('/audit')) as AuditPage;
      expect(all.records).toHaveLength(3);
      expect(all.records[0]).toMatchObject({
        type: 'CaseDataRead', at: '2026-11-24T10:00:00.000Z', actor: { id: 'rev-a', role: 'reviewer', agency: 'police' },
        resource: 'case', caseIds: ['case-1'], purpose: 'quarterly review', channel: 'http',
      });
      const byCase = json(await subject.api.as(auditor).get('/audit?caseId=case-1')) as AuditPage;
      expect(byCase.records.map((r) => r['actor'])).toEqual([expect.objectContaining({ id: 'rev-a' }), expect.objectContaining({ id: 'rev-b' })]);
      const byActor = json(await subject.api.as(auditor).get('/audit?actor=rev-b')) as AuditPage;
      expect(byActor.records.map((r) => r['query'])).toEqual([{ from: '0', limit: '100' }, { asOf: '2009-01-01' }]);
      const firstDay = json(await subject.api.as(auditor).get('/audit?from=2026-11-24&to=2026-11-24')) as AuditPage;
      expect(firstDay.records.map((r) => r['actor'])).toEqual([expect.objectContaining({ id: 'rev-a' })]);
      const since = json(await subject.api.as(auditor).get('/audit?from=2026-11-25T08:59:59Z&caseId=case-2')) as AuditPage;
      expect(since.records).toHaveLength(1);
    });

    it('pages with a cursor, and each read of the log is itself recorded', async () => {
      await reads();
      const first = json(await subject.api.as(auditor).get('/audit?limit=2')) as AuditPage;
      expect(first.records).toHaveLength(2);
      expect(first.next).toMatch(/^\/audit\?limit=2&after=\d+$/);
      const second = json(await subject.api.as(auditor).get(first.next!)) as AuditPage;
      // The third read, then the first audit read recorded after it.
      expect(second.records.map((r) => r['type'])).toEqual(['CaseDataRead', 'AccessLogRead']);
      expect(second.records[1]).toMatchObject({ actor: { id: 'auditor-1', role: 'auditor' }, query: { limit: '2' } });
    });

    it('is for auditors only', async () => {
      for (const role of ['coordinator', 'reviewer', 'analyst', 'admin'] as const) {
        expect((await subject.api.as(principal(role, { areas: '*' })).get('/audit')).statusCode).toBe(403);
      }
    });
  });
}
