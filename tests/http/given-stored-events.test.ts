import { describe, it } from 'vitest';
import type { AreaEvent } from '../../src/domain/area/events.js';
import { streams } from '../../src/infrastructure/eventstore/stream-names.js';
import { cmd, ev, referred } from '../domain/case/support/builders.js';
import { apiSpecification, existingArea, existingCase, expectNewEvents, expectNoNewEvents, expectProblem, expectResponse } from '../support/api-specification.js';
import { principal } from './support/api.js';

const given = apiSpecification();
const coordinator = principal('coordinator');
const admin = principal('admin', { areas: ['cumbria'] });
const meeting = { meetingId: 'm-1', level: 2 as const, kind: 'initial' as const, agencies: ['police' as const, 'probation' as const], nextReviewDue: '2009-04-01' };

describe('the API, given stored events', () => {
  it('a command on a stored case appends its events and answers 201', async () => {
    await given(existingCase('c-1', [referred()]))
      .when((api) => api.as(coordinator).command('c-1', cmd('SetManagementLevel', '2009-01-01', { level: 3, meetingId: 'm-9' })))
      .then(
        expectResponse(201, { caseId: 'c-1', version: 1 }),
        expectNewEvents(streams.case('c-1'), [{ type: 'ManagementLevelChanged', occurredOn: '2009-01-01', level: 3, meetingId: 'm-9' }]),
      );
  });

  it('a command the rules refuse answers 422 with the rule and appends nothing', async () => {
    await given(existingCase('c-1', [referred()]))
      .when((api) => api.as(coordinator).command('c-1', cmd('RecordRelease', '2009-01-01', {})))
      .then(expectProblem(422, 'not-in-custody'), expectNoNewEvents());
  });

  it('a case outside the caller\'s areas is absent: 404, nothing appended', async () => {
    await given(existingCase('c-1', [referred({ area: 'durham' })]))
      .when((api) => api.as(coordinator).command('c-1', cmd('CloseCase', '2009-01-01', { reason: 'risk-reduced' })))
      .then(expectProblem(404, 'case-not-found'), expectNoNewEvents());
  });

  it('recording the population an area already has answers 200 and appends nothing', async () => {
    const recorded: AreaEvent = { type: 'AreaPopulationRecorded', area: 'cumbria', reportingYear: '2008-09', population: 496_200, basis: 'all-ages', source: 'ONS' };
    await given(existingArea('cumbria', [recorded]))
      .when((api) => api.as(admin).request({ method: 'PUT', url: '/areas/cumbria/population/2008-09', payload: { population: 496_200, basis: 'all-ages', source: 'ONS' } }))
      .then(expectResponse(200, { population: 496_200, version: 0 }), expectNoNewEvents());
  });
});

/**
 * The defect: GET /cases/{id} called a case stepped down to level 1 overdue for review while
 * /caseload did not. Both now ask the domain's one rule (isReviewOverdueOn).
 */
describe('review overdue disagreed between GET /cases/{id} and /caseload', () => {
  const steppedDown = existingCase('c-1', [
    referred(),
    ev('MappMeetingRecorded', '2009-01-01', meeting),
    ev('ManagementLevelChanged', '2009-01-01', { level: 2, meetingId: 'm-1' }),
    ev('ManagementLevelChanged', '2009-05-01', { level: 1 }),
  ]);

  it('the case view says not overdue', async () => {
    await given(steppedDown).when((api) => api.as(coordinator).get('/cases/c-1')).then(expectResponse(200, { level: 1, nextReviewDue: '2009-04-01', reviewOverdue: false }));
  });

  it('the caseload says not overdue', async () => {
    await given(steppedDown)
      .when((api) => api.as(coordinator).get('/caseload?area=cumbria'))
      .then(expectResponse(200, { cases: [{ caseId: 'c-1', level: 1, reviewOverdue: false }], counts: { reviewOverdue: 0 } }));
  });
});
