import { describe, it } from 'vitest';
import { cmd, ev, otherDangerous, referred } from './support/builders.js';
import { given } from './support/given-when-then.js';

describe('SetManagementLevel', () => {
  it('changes the level', () => {
    given(referred())
      .when(cmd('SetManagementLevel', '2009-01-01', { level: 3, meetingId: 'm-1' }))
      .then(ev('ManagementLevelChanged', '2009-01-01', { level: 3, meetingId: 'm-1' }));
  });

  it('accepts the same level with no event', () => {
    given(referred({ level: 2 })).when(cmd('SetManagementLevel', '2009-01-01', { level: 2 })).thenNothing();
  });

  it('refuses level 1 while category 3 is reported: category-3-requires-level-2-or-3', () => {
    given(referred({ basis: otherDangerous(), level: 2 }))
      .when(cmd('SetManagementLevel', '2009-01-01', { level: 1 }))
      .thenRefused('category-3-requires-level-2-or-3');
  });
});

describe('RecordMappMeeting', () => {
  const meeting = { meetingId: 'm-1', level: 2 as const, kind: 'initial' as const, agencies: ['police' as const, 'probation' as const], nextReviewDue: '2009-04-01' };

  it('records the meeting and moves a level-1 case to the meeting level', () => {
    given(referred())
      .when(cmd('RecordMappMeeting', '2009-01-01', meeting))
      .then(
        ev('MappMeetingRecorded', '2009-01-01', meeting),
        ev('ManagementLevelChanged', '2009-01-01', { level: 2, meetingId: 'm-1' }),
      );
  });

  it('records a review at the level the case is already managed at', () => {
    given(referred({ level: 2 }))
      .when(cmd('RecordMappMeeting', '2009-01-01', { ...meeting, kind: 'review' }))
      .then(ev('MappMeetingRecorded', '2009-01-01', { ...meeting, kind: 'review' }));
  });

  it('refuses a meetingId already recorded: meeting-already-recorded', () => {
    given(referred({ level: 2 }), ev('MappMeetingRecorded', '2008-06-01', meeting))
      .when(cmd('RecordMappMeeting', '2009-01-01', { ...meeting, kind: 'review' }))
      .thenRefused('meeting-already-recorded');
  });
});
