import { DEFAULT_SCORING_CONFIG } from './scoring-config';
import { importanceWeights, renormalise } from './importance-weights';

const CONFIG = DEFAULT_SCORING_CONFIG.weights; // 32 / 22 / 19 / 16 / 11

describe('importance weights', () => {
  it('uses the configured weights as they are when all five dimensions are scored', () => {
    const all = ['reliability', 'responsiveness', 'assurance', 'empathy', 'tangibles'] as const;
    expect(importanceWeights(all, undefined, CONFIG)).toEqual({
      weights: [32, 22, 19, 16, 11],
      source: 'config',
    });
  });

  it('renormalises the configured weights over the scored dimensions', () => {
    // empathy and tangibles missing: 32 + 22 + 19 = 73 points, each × 100 / 73:
    // 32/73·100 = 43.8356…, 22/73·100 = 30.1369…, 19/73·100 = 26.0273…; together 100.
    const { weights, source } = importanceWeights(
      ['reliability', 'responsiveness', 'assurance'],
      null,
      CONFIG,
    );
    expect(source).toBe('config');
    expect(weights[0]).toBeCloseTo(43.835616, 6);
    expect(weights[1]).toBeCloseTo(30.136986, 6);
    expect(weights[2]).toBeCloseTo(26.027397, 6);
    expect(Math.abs(weights[0] + weights[1] + weights[2] - 100)).toBeLessThan(1e-9);
  });

  it("prefers the customer's own allocation, renormalised the same way", () => {
    // customer: reliability 60, responsiveness 10, empathy 30; responsiveness not answered:
    // 60 + 30 = 90 → 60/90·100 = 66.67, 30/90·100 = 33.33.
    const { weights, source } = importanceWeights(
      ['reliability', 'empathy'],
      { reliability: 60, responsiveness: 10, empathy: 30 },
      CONFIG,
    );
    expect(source).toBe('customer');
    expect(weights[0]).toBeCloseTo(66.666667, 6);
    expect(weights[1]).toBeCloseTo(33.333333, 6);
  });

  it('gives 0 to a scored dimension the customer gave no points', () => {
    // customer: reliability 100, nothing else; assurance answered too → 100/100·100 = 100 and 0.
    expect(importanceWeights(['reliability', 'assurance'], { reliability: 100 }, CONFIG)).toEqual({
      weights: [100, 0],
      source: 'customer',
    });
  });

  it("falls back to the configuration when the customer's points all sit on unanswered dimensions", () => {
    // customer: empathy 70, tangibles 30, but only reliability (32) and assurance (19) answered:
    // the allocation says nothing about them → config 32/51·100 = 62.745…, 19/51·100 = 37.254…
    const { weights, source } = importanceWeights(
      ['reliability', 'assurance'],
      { empathy: 70, tangibles: 30, reliability: 0 },
      CONFIG,
    );
    expect(source).toBe('config');
    expect(weights[0]).toBeCloseTo(62.745098, 6);
    expect(weights[1]).toBeCloseTo(37.254902, 6);
  });

  it('uses equal weights when the configuration gives 0 to every scored dimension too', () => {
    // config empathy 0, tangibles 0 (reliability 100), customer empathy 0: 100/2 = 50 each.
    const config = { reliability: 100, responsiveness: 0, assurance: 0, empathy: 0, tangibles: 0 };
    expect(importanceWeights(['empathy', 'tangibles'], { reliability: 100, empathy: 0 }, config)).toEqual({
      weights: [50, 50],
      source: 'config',
    });
  });

  it('never lets floating point take a weight above 100', () => {
    // one dimension: p × 100 / p is 100.00000000000001 in doubles for this p (found by fast-check)
    expect(renormalise([99.99999999929686])).toEqual([100]);
  });

  it('renormalise keeps ratios and refuses a zero total', () => {
    // 1 : 3 → 25, 75
    expect(renormalise([1, 3])).toEqual([25, 75]);
    expect(renormalise([0, 0])).toBeUndefined();
    expect(renormalise([])).toBeUndefined();
  });
});
