import { serviceFigures } from './domain/service-figures';
import { CASE_CSV_HEADER, caseCsvHeader, caseCsvLines, serviceMetricsCsv } from './service-metrics.csv';
import { ServiceCaseView, ServiceMetricsRow } from './service-metrics.view';

const noPercentiles = { median: null, p90: null, businessMedian: null, businessP90: null };
const figures = (cases: number, totalCost: number) =>
  serviceFigures({
    cases,
    casesByChannel: { chat: cases },
    casesByIssueCode: { 'billing.refund': cases },
    assistedCases: cases,
    customersWithAssistedCase: 1,
    selfServiceCases: 0,
    selfServiceAttemptsBeforeCase: 0,
    selfServiceAbandonKnown: 0,
    selfServiceAbandoned: 0,
    firstResponses: cases,
    firstResponse: { median: 120, p90: 120, businessMedian: 60, businessP90: 60 },
    resolvedCases: 0,
    resolution: noPercentiles,
    holdReported: 0,
    holdSecondsSum: 0,
    medianHoldSeconds: null,
    abandonKnown: cases,
    abandoned: 0,
    chats: cases,
    missedKnown: 0,
    missedChats: 0,
    chatDurations: 0,
    chatDurationSecondsSum: 0,
    medianChatDurationSeconds: null,
    escalationKnown: 0,
    escalated: 0,
    reopenKnown: 0,
    reopenedCases: 0,
    reopens: 0,
    costReported: cases,
    totalCost,
  });

describe('service metrics CSV', () => {
  it('writes the grouped table: key, one column per dimension, every metric, the total last', () => {
    const row: ServiceMetricsRow = {
      key: '2026-11-02|chat',
      group: { period: '2026-11-02', channel: 'chat' },
      ...figures(2, 13),
    };
    const total: ServiceMetricsRow = { key: 'total', group: {}, ...figures(2, 13) };
    const lines = serviceMetricsCsv(['period', 'channel'], [row], total).split('\r\n');
    const header = lines[0].split(',');
    expect(header.slice(0, 6)).toEqual([
      'key',
      'period',
      'channel',
      'cases',
      'assistedCases',
      'casesByChannel',
    ]);
    expect(header).toContain('p90ResolutionBusinessSeconds');
    expect(header[header.length - 1]).toBe('costPerCase');
    expect(lines[1].startsWith('2026-11-02|chat,2026-11-02,chat,2,2,"{""chat"":2}"')).toBe(true);
    expect(lines[2].startsWith('total,,,2,2,')).toBe(true);
    expect(lines[1].endsWith(',13,6.5')).toBe(true);
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe('');
  });

  it('writes one line per case with its metrics, classification and survey, defusing formulas', () => {
    const item: ServiceCaseView = {
      source: 'zendesk',
      caseId: 'case-1',
      customerId: 'cust-1',
      channel: 'chat',
      status: 'solved',
      agentId: '=agent',
      segment: { industry: 'retail, wholesale', plan: 'pro' },
      openedAt: '2026-11-06T16:00:00.000Z',
      firstResponseAt: '2026-11-09T10:00:00.000Z',
      resolvedAt: null,
      metrics: {
        firstResponseSeconds: 237_600,
        firstResponseBusinessSeconds: 7200,
        resolutionSeconds: null,
        resolutionBusinessSeconds: null,
        holdSeconds: null,
        handleSeconds: 600,
        chatDurationSeconds: 600,
        abandoned: false,
        missedChat: false,
        escalated: true,
        reopenCount: 0,
        cost: 6.5,
        selfServiceSession: false,
        selfServiceAbandoned: null,
      },
      classification: {
        issueCode: 'billing.refund',
        category: 'billing',
        method: 'rules',
        confidence: 0.9,
        tone: 'negative',
        issueKind: 'billing',
      },
      survey: {
        source: 'qualtrics',
        responseId: 'resp-1',
        respondedAt: '2026-11-10T09:00:00.000Z',
        csat: 2,
        nps: null,
        ces: 5,
      },
    };
    expect(caseCsvHeader()).toBe(`${CASE_CSV_HEADER.join(',')}\r\n`);
    expect(caseCsvLines([])).toBe('');
    expect(caseCsvLines([item, { ...item, caseId: 'case-2', survey: null }]).split('\r\n')).toEqual([
      'zendesk,case-1,cust-1,chat,solved,\'=agent,"retail, wholesale",pro,,,,2026-11-06T16:00:00.000Z,' +
        '2026-11-09T10:00:00.000Z,,237600,7200,,,,600,600,false,false,true,0,6.5,false,,billing.refund,billing,' +
        'rules,0.9,negative,billing,qualtrics,resp-1,2026-11-10T09:00:00.000Z,2,,5',
      'zendesk,case-2,cust-1,chat,solved,\'=agent,"retail, wholesale",pro,,,,2026-11-06T16:00:00.000Z,' +
        '2026-11-09T10:00:00.000Z,,237600,7200,,,,600,600,false,false,true,0,6.5,false,,billing.refund,billing,' +
        'rules,0.9,negative,billing,,,,,,',
      '',
    ]);
  });
});
