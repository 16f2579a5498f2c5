import { showDate, showInstant, words } from '../format.js';

/** The case on a date, as `GET /cases/{id}` gives it (docs/DOMAIN.md section 6). */
export type CaseView = {
  caseId: string; version: number; asOf: string; knownAt: string | null; area: string; localUnit: string | null; leadAgency: string;
  referredOn: string; subject: { ref: string; dateOfBirth: string } | { erased: true }; open: boolean; closedOn: string | null; closeReason: string | null;
  deceased: boolean; diedOn: string | null; eligible: boolean; reportedCategory: number | null; level: number;
  custody: { inCustody: boolean; reason: string | null }; licence: { ends: string | null; onLicence: boolean };
  bases: { basisId: string; kind: string; category: number; start: string; lastDay: string | null; addedOn: string; endedOn: string | null; endReason: string | null; active: boolean }[];
  orders: { orderId: string; orderType: string; status: string; appliedOn: string | null; interimOn: string | null; fullOn: string | null; ends: string | null; closedOn: string | null; breaches: number; inForce: boolean }[];
  charges: { chargeId: string; chargedOn: string; offenceDate: string; open: boolean; outcome: string | null; outcomeOn: string | null }[];
  lastMeeting: { meetingId: string; occurredOn: string; level: number; kind: string; nextReviewDue: string | null } | null;
  nextReviewDue: string | null; reviewOverdue: boolean;
};

const date = (d: string | null, none = 'none') => (d === null ? none : showDate(d));

/** The case's state: its standing, its bases with their computed last days, its orders and charges. */
export function CaseState({ view }: { view: CaseView }) {
  const facts: [string, string][] = [
    ['Area', words(view.area)],
    ['Local unit', view.localUnit ?? 'none'],
    ['Lead agency', words(view.leadAgency)],
    ['Referred on', showDate(view.referredOn)],
    ['Subject', 'erased' in view.subject ? "erased (the subject's personal data was erased)" : `${view.subject.ref}, born ${showDate(view.subject.dateOfBirth)}`],
    ['Open', view.open ? 'yes' : `no: closed on ${date(view.closedOn)} (${words(view.closeReason ?? 'no reason')})`],
    ...(view.deceased ? [['Died on', date(view.diedOn)] as [string, string]] : []),
    ['Eligible', view.eligible ? 'yes' : 'no: no basis is active'],
    ['Reported category', view.reportedCategory === null ? 'none' : String(view.reportedCategory)],
    ['Level', String(view.level)],
    ['In custody', view.custody.inCustody ? `yes (${words(view.custody.reason ?? 'reason not given')})` : 'no'],
    ['Licence', view.licence.ends === null ? 'none' : `${view.licence.onLicence ? 'on licence' : 'not on licence'}, ends ${showDate(view.licence.ends)}`],
    ['Last MAPP meeting', view.lastMeeting === null ? 'none' : `${showDate(view.lastMeeting.occurredOn)}, ${view.lastMeeting.kind}, level ${view.lastMeeting.level}`],
    ['Next review due', `${date(view.nextReviewDue)}${view.reviewOverdue ? ' (overdue)' : ''}`],
  ];
  return (
    <div class="case-state" data-case-state={view.caseId}>
      <p class="state-meta">
        On {showDate(view.asOf)}, {view.knownAt === null ? 'with everything recorded' : `as known at ${showInstant(view.knownAt)}`} (version {view.version}).
      </p>
      <dl class="facts">
        {facts.map(([term, value]) => <div><dt>{term}</dt><dd>{value}</dd></div>)}
      </dl>
      <table class="bases" data-table="bases">
        <caption>Eligibility bases, with their computed last days</caption>
        <thead>
          <tr>{['Basis', 'Kind', 'Category', 'Starts', 'Last day', 'Added on', 'Ended', 'Active on the date'].map((h) => <th scope="col">{h}</th>)}</tr>
        </thead>
        <tbody>
          {view.bases.map((b) => (
            <tr data-basis={b.basisId}>
              <th scope="row">{b.basisId}</th>
              <td>{words(b.kind)}</td>
              <td>{b.category}</td>
              <td>{showDate(b.start)}</td>
              <td data-last-day={b.lastDay ?? ''}>{b.lastDay === null ? (b.kind === 'registered-sexual-offender' ? 'indefinite' : 'no end set') : showDate(b.lastDay)}</td>
              <td>{showDate(b.addedOn)}</td>
              <td>{b.endedOn === null ? 'no' : `${showDate(b.endedOn)} (${words(b.endReason ?? '')})`}</td>
              <td>{b.active ? 'yes' : 'no'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {view.orders.length > 0 && (
        <table class="orders">
          <caption>Civil orders</caption>
          <thead><tr>{['Order', 'Type', 'Status', 'Applied', 'Interim', 'Full', 'Ends', 'Breaches', 'In force'].map((h) => <th scope="col">{h}</th>)}</tr></thead>
          <tbody>
            {view.orders.map((o) => (
              <tr>
                <th scope="row">{o.orderId}</th><td>{o.orderType}</td><td>{words(o.status)}</td><td>{date(o.appliedOn)}</td><td>{date(o.interimOn)}</td>
                <td>{date(o.fullOn)}</td><td>{date(o.ends, o.fullOn ? 'indefinite' : 'none')}</td><td>{o.breaches}</td><td>{o.inForce ? 'yes' : 'no'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {view.charges.length > 0 && (
        <table class="charges">
          <caption>Serious further offence charges</caption>
          <thead><tr>{['Charge', 'Charged on', 'Offence date', 'Outcome'].map((h) => <th scope="col">{h}</th>)}</tr></thead>
          <tbody>
            {view.charges.map((c) => (
              <tr><th scope="row">{c.chargeId}</th><td>{showDate(c.chargedOn)}</td><td>{showDate(c.offenceDate)}</td><td>{c.open ? 'open' : `${words(c.outcome ?? 'other')} on ${date(c.outcomeOn)}`}</td></tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
