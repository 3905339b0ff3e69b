import { SurveyResponse, SurveyScores, validateContract } from '@supportlens/contracts';
import { isCesLowEffort, isCsatSatisfied, npsCategoryOf, scoreSurvey } from './score-survey';
import { DEFAULT_SCORING_CONFIG, ScoringConfig } from './scoring-config';

function surveyResponse(answers: Partial<SurveyResponse>): SurveyResponse {
  return {
    responseId: 'R-1',
    source: 'qualtrics',
    customer: { id: 'cust-1' },
    kind: 'transactional',
    respondedAt: '2026-11-02T12:00:00Z',
    ...answers,
  };
}

const WITH_BENCHMARKS: ScoringConfig = {
  ...DEFAULT_SCORING_CONFIG,
  benchmarks: { retail: { source: 'acsi', score: 77 }, Banking: { source: 'jd_power', score: 800 } },
};

function expectValidScores(scores: SurveyScores): void {
  const result = validateContract(SurveyScores, scores);
  expect(result).toMatchObject({ valid: true });
  if (result.valid) expect(result.value).toEqual(scores); // nothing stripped either
}

describe('scoreSurvey', () => {
  it('still exports the answer helpers', () => {
    expect([isCsatSatisfied(4), npsCategoryOf(8), isCesLowEffort(5)]).toEqual([true, 'passive', true]);
  });

  it('scores only what was answered', () => {
    expect(scoreSurvey(surveyResponse({ csat: 2 }), DEFAULT_SCORING_CONFIG)).toEqual({
      csat: 2,
      csatSatisfied: false,
      satisfactionIndex: 25, // (2 − 1) / 4 × 100
      satisfactionIndexComponents: ['csat'],
    });
    // NPS, CES and buy-again are not satisfaction-index components: no index at all here.
    expect(scoreSurvey(surveyResponse({ nps: 9, ces: 3, buyAgain: 7 }), DEFAULT_SCORING_CONFIG)).toEqual({
      nps: 9,
      npsCategory: 'promoter',
      ces: 3,
      cesLowEffort: false,
      buyAgain: 7,
    });
    expect(scoreSurvey(surveyResponse({}), DEFAULT_SCORING_CONFIG)).toEqual({});
  });

  it('treats null answers (which the contract lets through) as unanswered', () => {
    const response = surveyResponse({ csat: null, servqual: null, ratings: null, nps: 0 } as never);
    expect(scoreSurvey(response, DEFAULT_SCORING_CONFIG)).toEqual({ nps: 0, npsCategory: 'detractor' });
  });

  it('worked example: a transactional survey with short-form SERVQUAL, three dimensions answered', () => {
    const response = surveyResponse({
      customer: { id: 'cust-1', segment: { industry: 'Retail' } },
      csat: 4,
      nps: 9,
      ces: 6,
      ratings: { overallExperience: 5, speedOfResolution: 3 },
      servqual: {
        reliability: { expectation: 7, perception: 5 }, // gap −2
        responsiveness: { expectation: 6, perception: 5 }, // gap −1
        assurance: { expectation: 5, perception: 5 }, // gap 0
      },
    });
    // Weights: default 32 / 22 / 19 over the 73 points of the answered dimensions:
    //   32/73·100 = 43.8356, 22/73·100 = 30.1370, 19/73·100 = 26.0274 (sum 100).
    // Weighted gap: (32·−2 + 22·−1 + 19·0) / 73 = −86/73 = −1.178082 → −1.1781 < −0.25: dissatisfied.
    // Quality index: (−1.178082 + 6) / 12 × 100 = 40.182648 → 40.1826.
    // Satisfaction index: csat 4 → 75, overall experience 5 → 100, servqual 40.182648:
    //   (75 + 100 + 40.182648) / 3 = 71.727549 → 71.7275.
    // Benchmark: "Retail" matches "retail" (ACSI 77): 71.7275 − 77 = −5.2725.
    const scores = scoreSurvey(response, WITH_BENCHMARKS);
    expect(scores).toEqual({
      csat: 4,
      csatSatisfied: true,
      nps: 9,
      npsCategory: 'promoter',
      ces: 6,
      cesLowEffort: true,
      ratings: { overallExperience: 5, speedOfResolution: 3 },
      servqual: {
        dimensions: [
          { dimension: 'reliability', expectation: 7, perception: 5, gap: -2, items: 1, weight: 43.8356 },
          { dimension: 'responsiveness', expectation: 6, perception: 5, gap: -1, items: 1, weight: 30.137 },
          { dimension: 'assurance', expectation: 5, perception: 5, gap: 0, items: 1, weight: 26.0274 },
        ],
        missingDimensions: ['empathy', 'tangibles'],
        weightSource: 'config',
        weightedGap: -1.1781,
        qualityIndex: 40.1826,
        level: 'dissatisfied',
      },
      satisfactionIndex: 71.7275,
      satisfactionIndexComponents: ['csat', 'overallExperience', 'servqual'],
      benchmarkIndustry: 'Retail',
      benchmark: { source: 'acsi', published: 77, index: 77, difference: -5.2725 },
    });
    expectValidScores(scores);
  });

  it("worked example: an image survey with long-form items and the customer's own allocation", () => {
    const response = surveyResponse({
      kind: 'image',
      customer: { id: 'cust-2', segment: { industry: 'banking' } },
      nps: 6,
      buyAgain: 8,
      servqualItems: [
        { dimension: 'reliability', expectation: 7, perception: 6 },
        { dimension: 'empathy', expectation: 5, perception: 7 },
        { dimension: 'reliability', expectation: 6, perception: 6 },
        { dimension: 'tangibles', expectation: 4, perception: 4 },
      ],
      importance: { reliability: 50, responsiveness: 20, empathy: 30 },
    });
    // Means: reliability E (7 + 6)/2 = 6.5, P (6 + 6)/2 = 6, gap −0.5 (2 items); empathy gap +2;
    //   tangibles gap 0. Responsiveness and assurance missing.
    // Customer weights over the answered: reliability 50, empathy 30, tangibles 0 (not allocated) → 80:
    //   50/80·100 = 62.5, 30/80·100 = 37.5, 0. The 20 points on responsiveness are not used.
    // Weighted gap: (62.5·−0.5 + 37.5·2 + 0·0) / 100 = (−31.25 + 75) / 100 = 0.4375 > 0.25: delighted.
    // Quality index: (0.4375 + 6) / 12 × 100 = 53.645833 → 53.6458; the only index component.
    // Benchmark: J.D. Power 800 → 800 / 10 = 80; 53.6458 − 80 = −26.3542.
    const scores = scoreSurvey(response, WITH_BENCHMARKS);
    expect(scores).toEqual({
      nps: 6,
      npsCategory: 'detractor',
      buyAgain: 8,
      servqual: {
        dimensions: [
          { dimension: 'reliability', expectation: 6.5, perception: 6, gap: -0.5, items: 2, weight: 62.5 },
          { dimension: 'empathy', expectation: 5, perception: 7, gap: 2, items: 1, weight: 37.5 },
          { dimension: 'tangibles', expectation: 4, perception: 4, gap: 0, items: 1, weight: 0 },
        ],
        missingDimensions: ['responsiveness', 'assurance'],
        weightSource: 'customer',
        weightedGap: 0.4375,
        qualityIndex: 53.6458,
        level: 'delighted',
      },
      satisfactionIndex: 53.6458,
      satisfactionIndexComponents: ['servqual'],
      benchmarkIndustry: 'banking',
      benchmark: { source: 'jd_power', published: 800, index: 80, difference: -26.3542 },
    });
    expectValidScores(scores);
  });

  it('worked example: a gap exactly on the tolerance edge stays satisfied despite floating-point noise', () => {
    const response = surveyResponse({
      servqual: {
        responsiveness: { expectation: 6, perception: 3 }, // −3
        assurance: { expectation: 3, perception: 6 }, // +3
        empathy: { expectation: 4, perception: 7 }, // +3
        tangibles: { expectation: 5, perception: 3 }, // −2
      },
    });
    // Reliability missing: 22 + 19 + 16 + 11 = 68 points.
    // Exactly: (22·−3 + 19·3 + 16·3 + 11·−2) / 68 = (−66 + 57 + 48 − 22) / 68 = 17/68 = 0.25: on the
    //   band's edge, satisfied. In doubles Σ wᵢgᵢ / 100 comes out as 0.25000000000000006, which would
    //   read as delighted; the level is decided on the published, rounded gap 0.25.
    // Weights 22/68·100 = 32.3529, 19/68·100 = 27.9412, 16/68·100 = 23.5294, 11/68·100 = 16.1765.
    // Quality index (0.25 + 6) / 12 × 100 = 52.083333 → 52.0833.
    const servqual = scoreSurvey(response, DEFAULT_SCORING_CONFIG).servqual;
    expect(servqual).toMatchObject({
      missingDimensions: ['reliability'],
      weightedGap: 0.25,
      qualityIndex: 52.0833,
      level: 'satisfied',
    });
    expect(servqual?.dimensions.map((d) => d.weight)).toEqual([32.3529, 27.9412, 23.5294, 16.1765]);
  });

  it('worked example: equal weights when neither the customer nor the configuration weighs the answers', () => {
    const config: ScoringConfig = {
      ...DEFAULT_SCORING_CONFIG,
      weights: { reliability: 60, responsiveness: 40, assurance: 0, empathy: 0, tangibles: 0 },
    };
    const response = surveyResponse({
      servqual: {
        assurance: { expectation: 5, perception: 4 }, // −1
        empathy: { expectation: 3, perception: 6 }, // +3
      },
      importance: { reliability: 100 },
    });
    // Customer: 0 on both answered → config: 0 on both too → equal: 100/2 = 50 each.
    // Weighted gap (50·−1 + 50·3) / 100 = 1 > 0.25: delighted; quality index (1 + 6) / 12 × 100 = 58.3333.
    expect(scoreSurvey(response, config).servqual).toMatchObject({
      weightSource: 'config',
      weightedGap: 1,
      qualityIndex: 58.3333,
      level: 'delighted',
      dimensions: [{ weight: 50 }, { weight: 50 }],
    });
  });

  it('compares with a benchmark only when there is a satisfaction index and the industry matches', () => {
    const retail = { id: 'c', segment: { industry: 'RETAIL' } };
    // NPS alone: no satisfaction index, so nothing to compare.
    expect(scoreSurvey(surveyResponse({ customer: retail, nps: 10 }), WITH_BENCHMARKS)).not.toHaveProperty(
      'benchmark',
    );
    // csat 5 → 100; 100 − 77 = 23
    expect(scoreSurvey(surveyResponse({ customer: retail, csat: 5 }), WITH_BENCHMARKS)).toMatchObject({
      benchmarkIndustry: 'RETAIL',
      benchmark: { source: 'acsi', published: 77, index: 77, difference: 23 },
    });
    const other = { id: 'c', segment: { industry: 'airlines' } };
    expect(scoreSurvey(surveyResponse({ customer: other, csat: 5 }), WITH_BENCHMARKS)).not.toHaveProperty(
      'benchmarkIndustry',
    );
  });

  it('neither changes the response nor depends on anything but its arguments', () => {
    const response = surveyResponse({
      csat: 3,
      servqual: { reliability: { expectation: 6, perception: 5 } },
      servqualItems: [{ dimension: 'reliability', expectation: 4, perception: 7 }],
      importance: { reliability: 100 },
    });
    const before = JSON.stringify(response);
    const first = scoreSurvey(response, WITH_BENCHMARKS);
    expect(JSON.stringify(response)).toBe(before);
    expect(scoreSurvey(response, WITH_BENCHMARKS)).toEqual(first);
  });
});
