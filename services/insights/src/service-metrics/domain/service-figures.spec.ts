import { ratio, serviceFigures, ServiceTally } from './service-figures';
import { GroupingProblem, groupKey, serviceGrouping } from './service-groupings';

const percentiles = { median: null, p90: null, businessMedian: null, businessP90: null };

const emptyTally: ServiceTally = {
  cases: 0,
  casesByChannel: {},
  casesByIssueCode: {},
  assistedCases: 0,
  customersWithAssistedCase: 0,
  selfServiceCases: 0,
  selfServiceAttemptsBeforeCase: 0,
  selfServiceAbandonKnown: 0,
  selfServiceAbandoned: 0,
  firstResponses: 0,
  firstResponse: percentiles,
  resolvedCases: 0,
  resolution: percentiles,
  holdReported: 0,
  holdSecondsSum: 0,
  medianHoldSeconds: null,
  abandonKnown: 0,
  abandoned: 0,
  chats: 0,
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
  costReported: 0,
  totalCost: 0,
};

describe('serviceFigures', () => {
  // A month of one desk: 10 cases (6 chats, 2 phone calls, 2 self-service sessions), 5 customers with an
  // assisted case, 3 of whose cases say they tried self-service first.
  const month: ServiceTally = {
    ...emptyTally,
    cases: 10,
    casesByChannel: { chat: 6, phone: 2, self_service: 2 },
    casesByIssueCode: { 'billing.refund': 10 },
    assistedCases: 8,
    customersWithAssistedCase: 5,
    selfServiceCases: 2,
    selfServiceAttemptsBeforeCase: 3,
    selfServiceAbandonKnown: 4,
    selfServiceAbandoned: 3,
    firstResponses: 7,
    firstResponse: { median: 120, p90: 612.3456, businessMedian: 60, businessP90: 300 },
    resolvedCases: 6,
    resolution: { median: 3600, p90: 86_400, businessMedian: 1800, businessP90: 28_800 },
    holdReported: 2,
    holdSecondsSum: 95,
    medianHoldSeconds: 47.5,
    abandonKnown: 8,
    abandoned: 1,
    chats: 6,
    missedKnown: 5,
    missedChats: 2,
    chatDurations: 3,
    chatDurationSecondsSum: 1000,
    medianChatDurationSeconds: 300,
    escalationKnown: 8,
    escalated: 2,
    reopenKnown: 6,
    reopenedCases: 1,
    reopens: 3,
    costReported: 8,
    totalCost: 52.004,
  };

  it('derives every rate and mean from what was reported', () => {
    expect(serviceFigures(month)).toEqual({
      cases: 10,
      casesByChannel: { chat: 6, phone: 2, self_service: 2 },
      casesByIssueCode: { 'billing.refund': 10 },
      assistedCases: 8,
      // 2 self-service cases + 3 attempts recorded on assisted cases.
      selfServiceSessions: 5,
      selfServiceSessionsBeforeCase: 3,
      customersWithAssistedCase: 5,
      // 5 sessions ÷ 5 customers who still opened an assisted case.
      selfServiceScore: 1,
      selfServiceAbandoned: 3,
      // 3 abandoned of the 4 sessions that say.
      selfServiceAbandonRate: 0.75,
      firstResponses: 7,
      medianFirstResponseSeconds: 120,
      p90FirstResponseSeconds: 612.35,
      medianFirstResponseBusinessSeconds: 60,
      p90FirstResponseBusinessSeconds: 300,
      resolvedCases: 6,
      medianResolutionSeconds: 3600,
      p90ResolutionSeconds: 86_400,
      medianResolutionBusinessSeconds: 1800,
      p90ResolutionBusinessSeconds: 28_800,
      meanHoldSeconds: 47.5,
      medianHoldSeconds: 47.5,
      abandonedCases: 1,
      abandonRate: 0.125,
      chats: 6,
      missedChats: 2,
      // 2 missed of the 5 chats that say whether they were.
      missedChatRate: 0.4,
      medianChatDurationSeconds: 300,
      meanChatDurationSeconds: 333.33,
      escalatedCases: 2,
      escalationRate: 0.25,
      reopenedCases: 1,
      reopenRate: 0.1667,
      reopens: 3,
      totalCost: 52,
      costPerCase: 6.5,
    });
  });

  it('gives null, not 0, for every rate, mean and percentile nothing was reported for', () => {
    const figures = serviceFigures({ ...emptyTally, cases: 3, assistedCases: 3 });
    expect(figures).toMatchObject({
      cases: 3,
      selfServiceSessions: 0,
      selfServiceScore: null,
      selfServiceAbandonRate: null,
      medianFirstResponseSeconds: null,
      medianResolutionBusinessSeconds: null,
      meanHoldSeconds: null,
      abandonRate: null,
      missedChatRate: null,
      meanChatDurationSeconds: null,
      escalationRate: null,
      reopenRate: null,
      totalCost: null,
      costPerCase: null,
    });
  });

  it('has no self-service score for a group without assisted customers (all its sessions went unescalated)', () => {
    const selfServiceOnly = { ...emptyTally, cases: 4, selfServiceCases: 4 };
    expect(serviceFigures(selfServiceOnly)).toMatchObject({ selfServiceSessions: 4, selfServiceScore: null });
  });

  it('rounds rates to four decimals', () => {
    expect(ratio(1, 3)).toBe(0.3333);
    expect(ratio(2, 3, 2)).toBe(0.67);
    expect(ratio(1, 0)).toBeNull();
  });
});

describe('serviceGrouping', () => {
  it('groups by day by default, as the endpoint always did', () => {
    expect(serviceGrouping(undefined, undefined)).toEqual({ dimensions: ['period'], period: 'day' });
    expect(serviceGrouping([], 'week')).toEqual({ dimensions: ['period'], period: 'week' });
  });

  it('reads day, week and month as the period dimension of that length', () => {
    expect(serviceGrouping(['month'], undefined)).toEqual({ dimensions: ['period'], period: 'month' });
    expect(serviceGrouping(['week', 'channel'], 'week')).toEqual({
      dimensions: ['period', 'channel'],
      period: 'week',
    });
  });

  it('takes two dimensions of any kind', () => {
    expect(serviceGrouping(['agent', 'segment.industry'], undefined)).toEqual({
      dimensions: ['agent', 'segment.industry'],
      period: 'day',
    });
  });

  it('refuses three dimensions, one dimension twice, and two period lengths at once, naming the field', () => {
    expect(() => serviceGrouping(['channel', 'agent', 'issueCode'], undefined)).toThrow(
      new GroupingProblem('groupBy', 'groupBy takes one or two dimensions'),
    );
    expect(() => serviceGrouping(['channel', 'channel'], undefined)).toThrow('the same dimension twice');
    expect(() => serviceGrouping(['day', 'period'], undefined)).toThrow('the same dimension twice');
    try {
      serviceGrouping(['month'], 'week');
      throw new Error('expected a problem');
    } catch (error) {
      expect(error).toMatchObject({ field: 'period', message: 'period week and month at once: ask for one' });
    }
  });

  it('keys a group by its values joined with |', () => {
    expect(groupKey(['chat'])).toBe('chat');
    expect(groupKey(['2026-11-02', 'chat'])).toBe('2026-11-02|chat');
  });
});
