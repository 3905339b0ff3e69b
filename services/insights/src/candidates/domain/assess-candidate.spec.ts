import fc from 'fast-check';
import { assessCandidate } from './assess-candidate';
import { DEFAULT_CANDIDATE_SETTINGS as SETTINGS } from './candidate-settings';
import { CandidateSignals } from './candidate-signals';

const at = new Date('2032-05-10T00:00:00.000Z');
const daysBefore = (days: number) => new Date(at.getTime() - days * 86_400_000);

/**
 * The worked example (default settings): a customer known for 73 days, worth ten times the reference
 * value, who answered NPS 10 today and CSAT 4 yesterday, after a case solved in 2 hours 6 days ago.
 *   satisfaction 40 × (10/10 + (4 − 1)/4) / 2 = 35
 *   recency      20 × (1 − 6 / 60)            = 18
 *   value        20 × log10(10000 / 1000)     = 20
 *   tenure       10 × 73 / 365                =  2
 *   engagement   10 × 2 / 5                   =  4      → 79
 */
function promoter(overrides: Partial<CandidateSignals> = {}): CandidateSignals {
  return {
    at,
    firstSeenAt: daysBefore(73),
    consent: { caseStudy: true, focusGroup: false },
    lifetimeValue: 10_000,
    lastNps: { value: 10, responseId: 'resp-nps', source: 'qualtrics', respondedAt: at },
    lastCsat: { value: 4, responseId: 'resp-csat', source: 'qualtrics', respondedAt: daysBefore(1) },
    lastServqual: null,
    surveysAnswered: 2,
    lastResolvedWell: {
      caseId: 'case-1',
      source: 'zendesk',
      issueCode: 'billing.invoice',
      channel: 'chat',
      openedAt: new Date(daysBefore(6).getTime() - 2 * 3_600_000),
      resolvedAt: daysBefore(6),
    },
    openChurnRiskScore: null,
    openEscalatedCaseId: null,
    ...overrides,
  };
}

const reasons = (blockers: Array<{ reason: string }>) => blockers.map((blocker) => blocker.reason);

describe('assessCandidate', () => {
  it('raises a consenting promoter after a case resolved well, with the score and the evidence (worked example)', () => {
    const assessment = assessCandidate(promoter(), SETTINGS);
    expect(assessment.raiseBlockers).toEqual([]);
    expect(assessment.keepBlockers).toEqual([]);
    expect(assessment.score).toBe(79);
    expect(assessment.scoreParts).toEqual({
      satisfaction: 35,
      recency: 18,
      value: 20,
      tenure: 2,
      engagement: 4,
    });
    expect(assessment.programmes).toEqual(['caseStudy']);
    expect(assessment.evidence.satisfaction).toEqual([
      expect.objectContaining({
        measure: 'nps',
        value: 10,
        level: 'promoter',
        responseId: 'resp-nps',
        delighted: true,
        unhappy: false,
        detail: 'last NPS 10 (promoter) on 2032-05-10',
      }),
      expect.objectContaining({ measure: 'csat', value: 4, delighted: false, unhappy: false }),
    ]);
    expect(assessment.evidence.resolvedCase).toMatchObject({
      caseId: 'case-1',
      issueCode: 'billing.invoice',
      resolutionHours: 2,
      ageDays: 6,
    });
    expect(assessment.evidence).toMatchObject({ surveysAnswered: 2, lifetimeValue: 10_000 });
  });

  it('lists every programme consented to, each separately; absent or false is no', () => {
    const all = assessCandidate(
      promoter({ consent: { caseStudy: true, reference: true, focusGroup: true } }),
      SETTINGS,
    );
    expect(all.programmes).toEqual(['caseStudy', 'reference', 'focusGroup']);
    expect(assessCandidate(promoter({ consent: { focusGroup: true } }), SETTINGS).programmes).toEqual([
      'focusGroup',
    ]);
    for (const consent of [{}, { caseStudy: false, reference: false, focusGroup: false }]) {
      const none = assessCandidate(promoter({ consent }), SETTINGS);
      expect(reasons(none.raiseBlockers)).toEqual(['no_consent']);
      expect(reasons(none.keepBlockers)).toEqual(['no_consent']);
    }
  });

  it('takes any one delighted measure: NPS ≥ 9, CSAT 5 or SERVQUAL delighted', () => {
    const only = (overrides: Partial<CandidateSignals>) =>
      assessCandidate(promoter({ lastNps: null, lastCsat: null, ...overrides }), SETTINGS);
    const answer = { responseId: 'r', source: 's', respondedAt: at };
    expect(only({ lastNps: { ...answer, value: 9 } }).raiseBlockers).toEqual([]);
    expect(only({ lastCsat: { ...answer, value: 5 } }).raiseBlockers).toEqual([]);
    const delighted = only({ lastServqual: { ...answer, value: { level: 'delighted', weightedGap: 0.8 } } });
    expect(delighted.raiseBlockers).toEqual([]);
    expect(delighted.evidence.satisfaction[0].detail).toBe(
      'last SERVQUAL level delighted (weighted gap 0.8) on 2032-05-10',
    );
    expect(delighted.scoreParts.satisfaction).toBe(40);
    expect(reasons(only({ lastCsat: { ...answer, value: 4 } }).raiseBlockers)).toEqual(['not_delighted']);
  });

  it('keeps but does not raise a passive customer (hysteresis of the bars)', () => {
    const passive = assessCandidate(
      promoter({ lastNps: { value: 8, responseId: 'r', source: 's', respondedAt: at } }),
      SETTINGS,
    );
    expect(reasons(passive.raiseBlockers)).toEqual(['not_delighted']);
    expect(passive.raiseBlockers[0].detail).toBe(
      'last NPS 8 (passive) on 2032-05-10; last CSAT 4 of 5 on 2032-05-09: none delighted or a promoter',
    );
    expect(passive.keepBlockers).toEqual([]);
  });

  it('neither raises nor keeps an unhappy customer, even with a promoter answer', () => {
    const lowCsat = assessCandidate(
      promoter({ lastCsat: { value: 3, responseId: 'r', source: 's', respondedAt: daysBefore(2) } }),
      SETTINGS,
    );
    expect(lowCsat.raiseBlockers).toEqual([{ reason: 'unhappy', detail: 'last CSAT 3 of 5 on 2032-05-08' }]);
    expect(reasons(lowCsat.keepBlockers)).toEqual(['unhappy']);
    const detractor = assessCandidate(
      promoter({ lastNps: { value: 6, responseId: 'r', source: 's', respondedAt: at } }),
      SETTINGS,
    );
    expect(detractor.keepBlockers).toEqual([
      { reason: 'unhappy', detail: 'last NPS 6 (detractor) on 2032-05-10' },
    ]);
    const dissatisfied = assessCandidate(
      promoter({
        lastServqual: {
          value: { level: 'dissatisfied', weightedGap: -1.2 },
          responseId: 'r',
          source: 's',
          respondedAt: at,
        },
      }),
      SETTINGS,
    );
    expect(reasons(dissatisfied.keepBlockers)).toEqual(['unhappy']);
  });

  it('raises on a case resolved well within 30 days, keeps within 60, and then the evidence has aged out', () => {
    const resolvedDaysAgo = (days: number) =>
      assessCandidate(
        promoter({
          lastResolvedWell: {
            ...promoter().lastResolvedWell!,
            openedAt: daysBefore(days + 0.05),
            resolvedAt: daysBefore(days),
          },
        }),
        SETTINGS,
      );
    expect(resolvedDaysAgo(30).raiseBlockers).toEqual([]);
    const older = resolvedDaysAgo(45);
    expect(older.raiseBlockers).toEqual([
      {
        reason: 'no_case_resolved_well',
        detail: 'the last case resolved well (case-1, 2032-03-26) is 45 days old; the window is 30 days',
      },
    ]);
    expect(older.keepBlockers).toEqual([]);
    expect(older.scoreParts.recency).toBe(5); // 20 × (1 − 45/60)
    const aged = resolvedDaysAgo(61);
    expect(reasons(aged.keepBlockers)).toEqual(['no_case_resolved_well']);
    expect(aged.evidence.resolvedCase).toBeNull();
    expect(aged.scoreParts.recency).toBe(0);
    const never = assessCandidate(promoter({ lastResolvedWell: null }), SETTINGS);
    expect(never.keepBlockers[0].detail).toBe(
      'no case resolved well (within 24 h, never reopened or escalated) on record',
    );
  });

  it('lets survey answers age out after the satisfaction window', () => {
    const old = { responseId: 'r', source: 's', respondedAt: daysBefore(181) };
    const assessment = assessCandidate(
      promoter({ lastNps: { ...old, value: 10 }, lastCsat: { ...old, value: 2 } }),
      SETTINGS,
    );
    // The old CSAT 2 no longer makes the customer unhappy either: it is no longer evidence at all.
    expect(assessment.keepBlockers).toEqual([
      {
        reason: 'no_recent_satisfaction',
        detail: 'the latest survey answer (2031-11-11) is 181 days old; answers count for 180 days',
      },
    ]);
    expect(assessment.evidence.satisfaction).toEqual([]);
    expect(assessment.scoreParts.satisfaction).toBe(0);
    const none = assessCandidate(promoter({ lastNps: null, lastCsat: null }), SETTINGS);
    expect(none.raiseBlockers).toEqual([{ reason: 'no_recent_satisfaction', detail: 'no survey answered' }]);
  });

  it('blocks a customer with an open churn risk or an open escalated case', () => {
    const risky = assessCandidate(promoter({ openChurnRiskScore: 64 }), SETTINGS);
    expect(risky.keepBlockers).toEqual([
      { reason: 'churn_risk', detail: 'open churn-risk insight, score 64' },
    ]);
    const escalated = assessCandidate(promoter({ openEscalatedCaseId: 'case-9' }), SETTINGS);
    expect(escalated.raiseBlockers).toEqual([
      { reason: 'escalated_case', detail: 'case case-9 is open and escalated' },
    ]);
  });

  it('scores value on a log scale and stops every part at its weight', () => {
    const valued = (lifetimeValue: number | null) =>
      assessCandidate(promoter({ lifetimeValue }), SETTINGS).scoreParts.value;
    expect(valued(null)).toBe(0);
    expect(valued(500)).toBe(0);
    expect(valued(1000)).toBe(0);
    expect(valued(3162.28)).toBe(10);
    expect(valued(1_000_000)).toBe(20);
    const veteran = assessCandidate(
      promoter({ firstSeenAt: daysBefore(3000), surveysAnswered: 40 }),
      SETTINGS,
    );
    expect(veteran.scoreParts).toMatchObject({ tenure: 10, engagement: 10 });
  });

  const answer = (value: fc.Arbitrary<number>) =>
    fc.option(
      fc.record({
        value,
        responseId: fc.constant('r'),
        source: fc.constant('s'),
        respondedAt: fc.integer({ min: 0, max: 400 }).map(daysBefore),
      }),
    );
  const signals = fc.record({
    lastNps: answer(fc.integer({ min: 0, max: 10 })),
    lastCsat: answer(fc.integer({ min: 1, max: 5 })),
    lifetimeValue: fc.option(fc.double({ min: 0, max: 1e9, noNaN: true })),
    surveysAnswered: fc.nat(100),
    tenure: fc.integer({ min: 0, max: 5000 }),
    caseAge: fc.option(fc.integer({ min: 0, max: 400 })),
  });

  it('keeps the score within 0–100 and never lowers it for a more valuable customer (property)', () => {
    fc.assert(
      fc.property(signals, fc.double({ min: 1, max: 100, noNaN: true }), (s, more) => {
        const input = (lifetimeValue: number | null) =>
          promoter({
            lastNps: s.lastNps,
            lastCsat: s.lastCsat,
            lifetimeValue,
            surveysAnswered: s.surveysAnswered,
            firstSeenAt: daysBefore(s.tenure),
            lastResolvedWell:
              s.caseAge === null
                ? null
                : {
                    ...promoter().lastResolvedWell!,
                    openedAt: daysBefore(s.caseAge + 0.01),
                    resolvedAt: daysBefore(s.caseAge),
                  },
          });
        const base = assessCandidate(input(s.lifetimeValue), SETTINGS);
        expect(base.score).toBeGreaterThanOrEqual(0);
        expect(base.score).toBeLessThanOrEqual(100);
        // A raisable customer is always a keepable one: the keep bars are no harder.
        if (base.raiseBlockers.length === 0) expect(base.keepBlockers).toEqual([]);
        const richer = assessCandidate(input((s.lifetimeValue ?? 0) * more + 1), SETTINGS);
        expect(richer.score).toBeGreaterThanOrEqual(base.score);
      }),
    );
  });
});
