import { DEFAULT_CONTENT_TOPIC_SETTINGS } from './content-topic-settings';
import { logLikelihoodRatio, termSignificance } from './term-significance';

const terms = DEFAULT_CONTENT_TOPIC_SETTINGS.terms;

describe('termSignificance', () => {
  it('compares the term rate among pool cases with the smoothed previous rate', () => {
    // 10 of 40 pool cases now; 1 of 50 before, smoothed with 20 cases at 2 %: 1.4 of 70 = 2 %.
    expect(
      termSignificance({ termCases: 10, poolCases: 40, previousTermCases: 1, previousPoolCases: 50 }, terms),
    ).toEqual({ test: 'G2', g2: 14.55, lift: 12.5, currentRate: 0.25, previousRate: 0.02 });
  });

  it('is not significant when the pool as a whole grew with the term', () => {
    // 6 of 40 against 5 of 50: the rate barely moved (G² 1.4 < 3.84).
    const s = termSignificance(
      { termCases: 6, poolCases: 40, previousTermCases: 5, previousPoolCases: 50 },
      terms,
    );
    expect(s).toMatchObject({ g2: 1.4, lift: 1.94 });
  });

  it('says which way by the lift: a vanished term has a G² but a lift of 0', () => {
    const s = termSignificance(
      { termCases: 0, poolCases: 40, previousTermCases: 5, previousPoolCases: 50 },
      terms,
    );
    expect(s).toMatchObject({ g2: 5.04, lift: 0, currentRate: 0 });
  });

  it('needs volume without history: the prior makes an unseen term only "2 %" new, not infinitely', () => {
    const s = termSignificance(
      { termCases: 6, poolCases: 6, previousTermCases: 0, previousPoolCases: 0 },
      terms,
    );
    expect(s).toMatchObject({ g2: 25.1, lift: 50 });
    expect(
      termSignificance({ termCases: 0, poolCases: 0, previousTermCases: 0, previousPoolCases: 0 }, terms),
    ).toMatchObject({ g2: 0, lift: 0 });
  });
});

describe('logLikelihoodRatio', () => {
  it('is 0 for equal rates, an empty sample, or a term in every case', () => {
    expect(logLikelihoodRatio(5, 50, 10, 100)).toBeCloseTo(0, 10);
    expect(logLikelihoodRatio(5, 0, 10, 100)).toBe(0);
    expect(logLikelihoodRatio(50, 50, 100, 100)).toBe(0);
  });

  it('is symmetric in the samples', () => {
    expect(logLikelihoodRatio(10, 100, 2, 100)).toBeCloseTo(6.1626, 4);
    expect(logLikelihoodRatio(2, 100, 10, 100)).toBeCloseTo(6.1626, 4);
  });
});
