import {
  expectedCalibrationError,
  fitTemperature,
  MAX_TEMPERATURE,
  meanLogLoss,
  MIN_TEMPERATURE,
} from './calibration';
import { trainModel } from './train';
import { SMALL_FEATURES, toyExamples } from './toy-examples.fixture';

/**
 * `n` examples over 3 codes; the model gives its chosen code a score of `margin` and the others 0,
 * and its choice is right for the first `right` examples (true code 0), wrong for the rest (it chose
 * code 1, the truth is 0).
 */
function scoresOf(n: number, right: number, margin: number): { scores: Float64Array; labels: Int32Array } {
  const scores = new Float64Array(n * 3);
  const labels = new Int32Array(n); // every true code is 0
  for (let i = 0; i < n; i++) scores[i * 3 + (i < right ? 0 : 1)] = margin;
  return { scores, labels };
}

describe('temperature calibration', () => {
  it('computes the mean log-loss of the true codes', () => {
    // Scores (2, 0, 0), true code 0: −ln(e² / (e² + 2)) = ln(e² + 2) − 2 = 0.239730.
    const { scores, labels } = scoresOf(1, 1, 2);
    expect(meanLogLoss(scores, labels, 3, 1)).toBeCloseTo(Math.log(Math.exp(2) + 2) - 2, 10);
    // T = 2 halves the scores: ln(e + 2) − 1 = 0.551444.
    expect(meanLogLoss(scores, labels, 3, 2)).toBeCloseTo(Math.log(Math.E + 2) - 1, 10);
  });

  it('softens an over-confident model to its accuracy, and lowers its log-loss', () => {
    // 80 % right, always with a margin of 10, so confidence e¹⁰ / (e¹⁰ + 2) = 0.99991 at T = 1.
    // The mean log-loss is ln(e^a + 2) − 0.8·a with a = 10 / T; its minimum is where the confidence
    // e^a / (e^a + 2) equals the accuracy 0.8: e^a = 8, so T = 10 / ln 8 = 4.809.
    const { scores, labels } = scoresOf(200, 160, 10);
    const temperature = fitTemperature(scores, labels, 3);
    expect(temperature).toBeCloseTo(10 / Math.log(8), 3);
    const before = meanLogLoss(scores, labels, 3, 1); // ≈ 0.2 × 10 = 2.0
    const after = meanLogLoss(scores, labels, 3, temperature); // ln 10 − 0.8 ln 8 = 0.639
    expect(before).toBeCloseTo(2.0, 2);
    expect(after).toBeCloseTo(Math.log(10) - 0.8 * Math.log(8), 6);
    expect(after).toBeLessThan(before);
  });

  it('with the prior, moves less far from 1 but still lowers the log-loss', () => {
    const { scores, labels } = scoresOf(200, 160, 10);
    const withPrior = fitTemperature(scores, labels, 3, 0.5);
    expect(withPrior).toBeGreaterThan(1);
    expect(withPrior).toBeLessThan(10 / Math.log(8));
    expect(meanLogLoss(scores, labels, 3, withPrior)).toBeLessThan(meanLogLoss(scores, labels, 3, 1));
  });

  it('keeps T finite when the held-out examples are all right: the prior stops the sharpening', () => {
    const { scores, labels } = scoresOf(100, 100, 1);
    expect(fitTemperature(scores, labels, 3)).toBeCloseTo(MIN_TEMPERATURE, 6); // plain MLE: the bound
    const withPrior = fitTemperature(scores, labels, 3, 0.5);
    expect(withPrior).toBeLessThan(1);
    expect(withPrior).toBeGreaterThan(MIN_TEMPERATURE * 1.5);
  });

  it('stays within its bounds, and is 1 without evidence', () => {
    const { scores, labels } = scoresOf(10, 0, 50); // always wrong, with a huge margin
    expect(fitTemperature(scores, labels, 3)).toBeCloseTo(MAX_TEMPERATURE, 6);
    expect(fitTemperature(new Float64Array(0), new Int32Array(0), 3)).toBe(1);
  });

  it('fits a temperature during training that lowers the held-out log-loss on noisy labels', () => {
    const examples = toyExamples(40, 3).map((example, i) =>
      i % 5 === 0 ? { ...example, code: ['billing', 'shipping', 'account'][i % 3] } : example,
    );
    const model = trainModel(examples, { features: SMALL_FEATURES, seed: 9 });
    expect(model.training.holdoutLogLoss).not.toBeNull();
    expect(model.training.calibratedLogLoss!).toBeLessThan(model.training.holdoutLogLoss!);
    expect(model.temperature).not.toBe(1);
  });
});

describe('expected calibration error', () => {
  it('is the support-weighted gap between confidence and accuracy per bin', () => {
    // Bin 0.9–1.0: 4 answers at 0.95, 3 right (0.75): gap 0.2, weight 4/6.
    // Bin 0.6–0.7: 2 answers at 0.6, 1 right (0.5): gap 0.1, weight 2/6. ECE = 0.1333 + 0.0333.
    const ece = expectedCalibrationError(
      [0.95, 0.95, 0.95, 0.95, 0.6, 0.6],
      [true, true, true, false, true, false],
    );
    expect(ece).toBeCloseTo((4 / 6) * 0.2 + (2 / 6) * 0.1, 10);
    expect(expectedCalibrationError([1, 1], [true, true])).toBe(0);
  });
});
