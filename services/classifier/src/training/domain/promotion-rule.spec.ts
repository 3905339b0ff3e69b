import { Evaluation } from '../../model/domain/text-model';
import { decidePromotion } from './promotion-rule';

const withMacroF1 = (macroF1: number): Evaluation => ({
  examples: 100,
  accuracy: macroF1,
  macroF1,
  perCode: {},
  confusionPairs: [],
});

describe('decidePromotion', () => {
  it('promotes the first model', () => {
    expect(decidePromotion(withMacroF1(0.5), undefined, false).promote).toBe(true);
  });

  it('promotes a model that is better or within the noise tolerance', () => {
    expect(decidePromotion(withMacroF1(0.95), withMacroF1(0.94), false).promote).toBe(true);
    // 0.936 − 0.94 = −0.004 ≥ −0.005
    expect(decidePromotion(withMacroF1(0.936), withMacroF1(0.94), false).promote).toBe(true);
  });

  it('keeps the promoted model when the new one is worse, unless forced', () => {
    // 0.93 − 0.94 = −0.01 < −0.005
    const refused = decidePromotion(withMacroF1(0.93), withMacroF1(0.94), false);
    expect(refused).toEqual({
      promote: false,
      reason: 'worse: macro-F1 0.9300 vs 0.9400 on the same holdout; pass force to promote it anyway',
    });
    expect(decidePromotion(withMacroF1(0.93), withMacroF1(0.94), true).promote).toBe(true);
  });
});
