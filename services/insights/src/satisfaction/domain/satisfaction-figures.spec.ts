import { satisfactionFigures, satisfactionTrend } from './satisfaction-figures';
import { SatisfactionMeasures, zeroMeasures } from './satisfaction-measures';

const measures = (values: Partial<SatisfactionMeasures>): SatisfactionMeasures => ({
  ...zeroMeasures(),
  ...values,
});

describe('satisfactionFigures', () => {
  it('computes every metric from the summed measures (worked example)', () => {
    const figures = satisfactionFigures(
      measures({
        responses: 4,
        // CSAT answers 5, 4, 2: satisfied 2 of 3 = 66.67%, mean 11 / 3 = 3.67
        csatResponses: 3,
        csatSatisfied: 2,
        csatSum: 11,
        // NPS 10, 9, 7, 3: 2 promoters, 1 passive, 1 detractor of 4: NPS = 50 − 25 = 25
        // var = (0.5 + 0.25 − 0.25²) / 4 = 0.6875 / 4 = 0.171875; ±1.96 · 0.414578 · 100 = ±81.26
        npsResponses: 4,
        npsPromoters: 2,
        npsPassives: 1,
        npsDetractors: 1,
        // CES 6 and 3: mean 4.5, low effort 1 of 2 = 50%
        cesResponses: 2,
        cesSum: 9,
        cesLowEffort: 1,
        // SERVQUAL on 2 responses: weighted gaps −1 and 0.5 → mean −0.25; reliability gaps −2, 1 → −0.5;
        // empathy only on one: 0.5
        servqualResponses: 2,
        weightedGapSum: -0.5,
        qualityIndexSum: 97.92,
        levelDissatisfied: 1,
        levelSatisfied: 1,
        reliabilityResponses: 2,
        reliabilityGapSum: -1,
        empathyResponses: 1,
        empathyGapSum: 0.5,
        // Index 80, 70, 60 → 70; benchmark (76.1, 76.1) only on the first two: mean index 75 − 76.1 = −1.1
        satisfactionIndexResponses: 3,
        satisfactionIndexSum: 210,
        benchmarkResponses: 2,
        benchmarkIndexSum: 152.2,
        benchmarkSatisfactionIndexSum: 150,
      }),
    );
    expect(figures).toEqual({
      responses: 4,
      csat: { responses: 3, satisfied: 2, percent: 66.67, mean: 3.67 },
      nps: {
        responses: 4,
        promoters: 2,
        passives: 1,
        detractors: 1,
        score: 25,
        confidence95: { low: -56.26, high: 100 },
      },
      ces: { responses: 2, mean: 4.5, lowEffortPercent: 50 },
      servqual: {
        responses: 2,
        meanWeightedGap: -0.25,
        meanQualityIndex: 48.96,
        dimensions: {
          reliability: { responses: 2, meanGap: -0.5 },
          responsiveness: { responses: 0, meanGap: null },
          assurance: { responses: 0, meanGap: null },
          empathy: { responses: 1, meanGap: 0.5 },
          tangibles: { responses: 0, meanGap: null },
        },
        levels: { dissatisfied: 1, satisfied: 1, delighted: 0 },
      },
      satisfactionIndex: { responses: 3, mean: 70 },
      benchmark: { responses: 2, meanSatisfactionIndex: 75, meanBenchmarkIndex: 76.1, difference: -1.1 },
    });
  });

  it('answers null, not zero, for what nobody answered', () => {
    const figures = satisfactionFigures(measures({ responses: 1, cesResponses: 1, cesSum: 2 }));
    expect(figures.csat).toEqual({ responses: 0, satisfied: 0, percent: null, mean: null });
    expect(figures.nps.score).toBeNull();
    expect(figures.nps.confidence95).toBeNull();
    expect(figures.benchmark.difference).toBeNull();
  });
});

describe('satisfactionTrend', () => {
  it('is current − previous, null when the previous period had no response', () => {
    // Now: CSAT 3/4 = 75%, NPS (2 − 1) / 4 = 25, index 70. Before: CSAT 1/2 = 50%, NPS (0 − 1) / 2 = −50.
    const current = measures({
      responses: 4,
      csatResponses: 4,
      csatSatisfied: 3,
      npsResponses: 4,
      npsPromoters: 2,
      npsPassives: 1,
      npsDetractors: 1,
      satisfactionIndexResponses: 1,
      satisfactionIndexSum: 70,
    });
    const previous = measures({
      responses: 2,
      csatResponses: 2,
      csatSatisfied: 1,
      npsResponses: 2,
      npsPassives: 1,
      npsDetractors: 1,
    });
    expect(satisfactionTrend(current, previous)).toEqual({
      previousResponses: 2,
      csatPercent: 25,
      npsScore: 75,
      satisfactionIndex: null, // no index before
    });
    expect(satisfactionTrend(current, null)).toBeNull();
    expect(satisfactionTrend(current, measures({}))).toBeNull();
  });
});
