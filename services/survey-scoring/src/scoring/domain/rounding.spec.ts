import { roundScore, roundWeights } from './rounding';

describe('roundScore', () => {
  it('rounds half up to 4 decimals', () => {
    // 40.182648… → 40.1826 (the 5th decimal is 4); 30.136986… → 30.1370 (the 5th is 8)
    expect(roundScore(40.182648401826484)).toBe(40.1826);
    expect(roundScore(30.136986301369863)).toBe(30.137);
    // −1.178082… → −1.1781
    expect(roundScore(-1.178082191780822)).toBe(-1.1781);
  });

  it('removes floating-point noise and never returns −0', () => {
    expect(roundScore(0.1 + 0.2)).toBe(0.3); // 0.30000000000000004
    expect(roundScore(0.25000000000000006)).toBe(0.25);
    expect(Object.is(roundScore(-0.00001), 0)).toBe(true); // would be −0 without the fix
  });
});

describe('roundWeights (largest remainder)', () => {
  it('keeps three thirds adding up to 100', () => {
    // 100/3 = 33.33333… → 333333 units (of 0.0001) each, 999999 in all: the 1 unit left goes to the
    // first weight on the tie. Plain rounding would publish 33.3333 × 3 = 99.9999.
    expect(roundWeights([100 / 3, 100 / 3, 100 / 3])).toEqual([33.3334, 33.3333, 33.3333]);
  });

  it('gives the units left to the weights that lost the most', () => {
    // 32, 22, 19 renormalised over 73: 43.835616…, 30.136986…, 26.027397…
    // floors 438356 + 301369 + 260273 = 999998 units: 2 left, for the remainders .97 (26.0273…) and
    // .86 (30.1369…), not .16 (43.8356…) → 43.8356, 30.1370, 26.0274 (here the same as plain rounding).
    const weights = [32, 22, 19].map((points) => (points * 100) / 73);
    expect(roundWeights(weights)).toEqual([43.8356, 30.137, 26.0274]);
  });

  it('leaves weights that are already round alone', () => {
    expect(roundWeights([32, 22, 19, 16, 11])).toEqual([32, 22, 19, 16, 11]);
    expect(roundWeights([100, 0])).toEqual([100, 0]);
  });
});
