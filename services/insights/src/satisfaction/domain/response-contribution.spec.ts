import { contributionOf, groupsOf, rollupRowsOf } from './response-contribution';
import { zeroMeasures } from './satisfaction-measures';
import { SatisfactionResponse } from './satisfaction-response';

const aResponse = (overrides: Partial<SatisfactionResponse> = {}): SatisfactionResponse => ({
  day: '2031-03-03',
  segment: {},
  channel: 'chat',
  issueCode: null,
  agentId: null,
  scores: { csat: 5, csatSatisfied: true, nps: 9, npsCategory: 'promoter' },
  ...overrides,
});

describe('contributionOf', () => {
  it('counts and sums every score the response has', () => {
    expect(
      contributionOf({
        csat: 4,
        csatSatisfied: true,
        nps: 6,
        npsCategory: 'detractor',
        ces: 6,
        cesLowEffort: true,
        servqual: {
          dimensions: [
            { dimension: 'reliability', gap: -1.5 },
            { dimension: 'empathy', gap: 0.5 },
          ],
          weightedGap: -0.7,
          qualityIndex: 44.17,
          level: 'dissatisfied',
        },
        satisfactionIndex: 72.5,
        benchmark: { index: 76.1 },
      }),
    ).toEqual({
      ...zeroMeasures(),
      responses: 1,
      csatResponses: 1,
      csatSatisfied: 1,
      csatSum: 4,
      npsResponses: 1,
      npsDetractors: 1,
      cesResponses: 1,
      cesSum: 6,
      cesLowEffort: 1,
      servqualResponses: 1,
      weightedGapSum: -0.7,
      qualityIndexSum: 44.17,
      levelDissatisfied: 1,
      reliabilityResponses: 1,
      reliabilityGapSum: -1.5,
      empathyResponses: 1,
      empathyGapSum: 0.5,
      satisfactionIndexResponses: 1,
      satisfactionIndexSum: 72.5,
      benchmarkResponses: 1,
      benchmarkIndexSum: 76.1,
      benchmarkSatisfactionIndexSum: 72.5,
    });
  });

  it('adds nothing for an absent answer (absent is not zero), but still counts the response', () => {
    expect(contributionOf({ ces: 2 })).toEqual({
      ...zeroMeasures(),
      responses: 1,
      cesResponses: 1,
      cesSum: 2,
    });
  });

  it('uses the standard cut-offs when the scorer sent no category (rows written before full scoring)', () => {
    const of = (nps: number) => contributionOf({ nps });
    expect(
      [of(10), of(9), of(8), of(7), of(6), of(0)].map((m) => [
        m.npsPromoters,
        m.npsPassives,
        m.npsDetractors,
      ]),
    ).toEqual([
      [1, 0, 0],
      [1, 0, 0],
      [0, 1, 0],
      [0, 1, 0],
      [0, 0, 1],
      [0, 0, 1],
    ]);
    expect([3, 4, 5].map((csat) => contributionOf({ csat }).csatSatisfied)).toEqual([0, 1, 1]);
    expect([4, 5].map((ces) => contributionOf({ ces }).cesLowEffort)).toEqual([0, 1]);
  });

  it("follows the scorer's own flags when it sent them", () => {
    expect(contributionOf({ csat: 4, csatSatisfied: false }).csatSatisfied).toBe(0);
    expect(contributionOf({ nps: 8, npsCategory: 'promoter' }).npsPromoters).toBe(1);
  });

  it('compares with the benchmark only responses that have an index', () => {
    expect(contributionOf({ benchmark: { index: 70 } }).benchmarkResponses).toBe(0);
  });
});

describe('groupsOf / rollupRowsOf', () => {
  it('puts a response in every group it has, and only those', () => {
    const response = aResponse({
      segment: { industry: 'retail', plan: 'pro', region: '' },
      channel: 'email',
      issueCode: 'billing.invoice',
      agentId: 'agent-7',
    });
    expect(groupsOf(response)).toEqual([
      { kind: 'none', value: 'all' },
      { kind: 'segment.industry', value: 'retail' },
      { kind: 'segment.plan', value: 'pro' },
      { kind: 'channel', value: 'email' },
      { kind: 'agent', value: 'agent-7' },
      { kind: 'issueCode', value: 'billing.invoice' },
    ]);
    expect(groupsOf(aResponse({ channel: null }))).toEqual([{ kind: 'none', value: 'all' }]);
  });

  it('puts a response in the bucket of each topic it rated: low 1–2, mid 3, high 4–5', () => {
    const response = aResponse({
      channel: null,
      scores: {
        csat: 2,
        ratings: {
          overallExperience: 1,
          speedOfResolution: 2,
          completenessOfResolution: 3,
          professionalism: 4,
        },
      },
    });
    expect(groupsOf(response)).toEqual([
      { kind: 'none', value: 'all' },
      { kind: 'rating.overallExperience', value: 'low' },
      { kind: 'rating.speedOfResolution', value: 'low' },
      { kind: 'rating.completenessOfResolution', value: 'mid' },
      { kind: 'rating.professionalism', value: 'high' },
    ]);
    expect(
      groupsOf(aResponse({ channel: null, scores: { ratings: { representativeKnowledge: 5 } } })),
    ).toEqual([
      { kind: 'none', value: 'all' },
      { kind: 'rating.representativeKnowledge', value: 'high' },
    ]);
  });

  it('adds the same contribution to each group, on the response day', () => {
    const rows = rollupRowsOf(aResponse({ issueCode: 'billing.invoice' }));
    expect(rows.map((r) => [r.day, r.groupKind, r.groupValue, r.measures.npsPromoters])).toEqual([
      ['2031-03-03', 'none', 'all', 1],
      ['2031-03-03', 'channel', 'chat', 1],
      ['2031-03-03', 'issueCode', 'billing.invoice', 1],
    ]);
  });
});
