import { compareLevels, qualityIndexOf, satisfactionLevelOf, weightedGapOf } from './quality-level';

describe('weighted gap, quality index and level', () => {
  it('weights the gaps by importance: Σ weight × gap / 100', () => {
    // gaps −2, −1, 0 with weights 32/73·100, 22/73·100, 19/73·100:
    // (32·−2 + 22·−1 + 19·0) / 73 = −86 / 73 = −1.178082…
    const weights = [32, 22, 19].map((points) => (points * 100) / 73);
    expect(weightedGapOf([-2, -1, 0], weights)).toBeCloseTo(-1.178082, 6);
    // all five at the default weights, gaps −1, 0, +1, +2, −3:
    // (32·−1 + 22·0 + 19·1 + 16·2 + 11·−3) / 100 = (−32 + 19 + 32 − 33) / 100 = −0.14
    expect(weightedGapOf([-1, 0, 1, 2, -3], [32, 22, 19, 16, 11])).toBeCloseTo(-0.14, 12);
  });

  it('maps the weighted gap onto 0–100: (gap + 6) / 12 × 100', () => {
    expect(qualityIndexOf(-6)).toBe(0); // every expectation missed by 6
    expect(qualityIndexOf(0)).toBe(50); // met exactly
    expect(qualityIndexOf(6)).toBe(100); // exceeded by 6
    expect(qualityIndexOf(-1.5)).toBe(37.5); // (−1.5 + 6) / 12 × 100 = 4.5 / 12 × 100
    expect(qualityIndexOf(-1.178082191780822)).toBeCloseTo(40.182648, 6); // 4.821918 / 12 × 100
  });

  it('puts the level in the tolerance band: < −t dissatisfied, within ±t satisfied, > t delighted', () => {
    const t = 0.25;
    expect(satisfactionLevelOf(-0.2501, t)).toBe('dissatisfied');
    expect(satisfactionLevelOf(-0.25, t)).toBe('satisfied'); // the band includes its edges
    expect(satisfactionLevelOf(0, t)).toBe('satisfied');
    expect(satisfactionLevelOf(0.25, t)).toBe('satisfied');
    expect(satisfactionLevelOf(0.2501, t)).toBe('delighted');
  });

  it('reads a zero or negative tolerance as the single point gap = 0', () => {
    expect([-0.01, 0, 0.01].map((gap) => satisfactionLevelOf(gap, 0))).toEqual([
      'dissatisfied',
      'satisfied',
      'delighted',
    ]);
    expect(satisfactionLevelOf(0.1, -1)).toBe('delighted');
  });

  it('orders the levels dissatisfied < satisfied < delighted', () => {
    expect(compareLevels('dissatisfied', 'satisfied')).toBeLessThan(0);
    expect(compareLevels('delighted', 'satisfied')).toBeGreaterThan(0);
    expect(compareLevels('satisfied', 'satisfied')).toBe(0);
  });
});
