import { netPromoterScore } from './net-promoter-score';

describe('netPromoterScore', () => {
  it('is %promoters − %detractors with the trinomial 95% interval (worked example)', () => {
    // 5 promoters, 3 passives, 2 detractors: n = 10, p₊ = 0.5, p₋ = 0.2
    // NPS = (0.5 − 0.2) · 100 = 30
    // var = (0.5 + 0.2 − 0.3²) / 10 = (0.7 − 0.09) / 10 = 0.061
    // half width = 1.96 · √0.061 · 100 = 1.96 · 0.246982… · 100 = 48.4085…
    // CI = [30 − 48.41, 30 + 48.41] = [−18.41, 78.41]
    const nps = netPromoterScore(5, 3, 2)!;
    expect(nps.score).toBeCloseTo(30, 10);
    expect(nps.low).toBeCloseTo(-18.4085, 3);
    expect(nps.high).toBeCloseTo(78.4085, 3);
  });

  it('narrows with more responses', () => {
    // 50 / 30 / 20 (n = 100): same shares, var = 0.61 / 100 = 0.0061, half width = 1.96 · 0.078102 · 100 = 15.31
    const nps = netPromoterScore(50, 30, 20)!;
    expect(nps.score).toBeCloseTo(30, 10);
    expect(nps.high - nps.score).toBeCloseTo(15.308, 3);
  });

  it('clips the interval to [−100, 100]', () => {
    // 2 promoters, 0 passives, 1 detractor: n = 3, p₊ = 2/3, p₋ = 1/3, NPS = 33.33
    // var = (1 − (1/3)²) / 3 = (8/9) / 3 = 0.296296…, half width = 1.96 · 0.544331 · 100 = 106.69
    // 33.33 + 106.69 > 100 → 100; 33.33 − 106.69 = −73.36
    const nps = netPromoterScore(2, 0, 1)!;
    expect(nps.score).toBeCloseTo(33.333, 3);
    expect(nps.high).toBe(100);
    expect(nps.low).toBeCloseTo(-73.36, 2);
  });

  it('has a zero-width interval when every answer is in one category', () => {
    // 4 detractors: p₋ = 1, var = (1 − 1²) / 4 = 0
    expect(netPromoterScore(0, 0, 4)).toEqual({ score: -100, low: -100, high: -100 });
    // all passives: NPS 0, var = (0 + 0 − 0) / 3 = 0
    expect(netPromoterScore(0, 3, 0)).toEqual({ score: 0, low: 0, high: 0 });
  });

  it('is null without answers', () => {
    expect(netPromoterScore(0, 0, 0)).toBeNull();
  });
});
