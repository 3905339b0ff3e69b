/**
 * Temperature scaling (Guo et al., 2017, "On Calibration of Modern Neural Networks"): one number T
 * divides every score before the softmax. T > 1 softens over-confident probabilities, T < 1 sharpens
 * under-confident ones; the ranking of codes never changes, so accuracy does not either. T is chosen
 * to minimise the log-loss on examples the weights were not fitted on.
 *
 * With a prior. On an easy data set the held-out slice can be 100 % right, and then the plain
 * maximum-likelihood T is 0 (certainty): the slice shows no mistake to be uncertain about, though the
 * next texts will hold some. So T is the maximum a posteriori estimate under a log-normal prior
 * centred on 1 (no change): it minimises
 *
 *     Σ_i −log softmax(z_i / T)[y_i]  +  (ln T)² / (2σ²)
 *
 * (the summed, not mean, log-loss: the more held-out examples, the less the prior matters). With a
 * few mistakes in the slice the data term dominates and T is the usual estimate; with none it stops
 * where sharpening further would gain less than the prior costs. σ = ∞ gives plain maximum likelihood.
 * T stays within [MIN_TEMPERATURE, MAX_TEMPERATURE] either way.
 *
 * The objective is smooth in ln T with a single valley in practice; it is minimised by a scan over a
 * grid of ln T followed by golden-section search around the best grid point, which needs no
 * derivative or step size.
 */

// Bound once: inside a vm context (Jest) each lookup of the global Math in a hot loop costs ~50× more.
const { exp, log, sqrt, floor, abs } = Math;

export const MIN_TEMPERATURE = 0.05;
export const MAX_TEMPERATURE = 20;

/**
 * Mean negative log-likelihood of the true codes under softmax(scores / temperature). `scores` is
 * row-major, `classes` per example.
 */
export function meanLogLoss(
  scores: Float64Array,
  labels: Int32Array,
  classes: number,
  temperature: number,
): number {
  const n = labels.length;
  if (n === 0) return 0;
  let total = 0;
  for (let r = 0; r < n; r++) {
    const base = r * classes;
    let top = -Infinity;
    for (let k = 0; k < classes; k++) top = scores[base + k] > top ? scores[base + k] : top;
    let sum = 0;
    for (let k = 0; k < classes; k++) sum += exp((scores[base + k] - top) / temperature);
    total += log(sum) - (scores[base + labels[r]] - top) / temperature;
  }
  return total / n;
}

/**
 * The temperature minimising the summed log-loss of `scores` (row-major) on `labels` plus the
 * log-normal prior of width `priorWidth` (σ of ln T; Infinity for none).
 */
export function fitTemperature(
  scores: Float64Array,
  labels: Int32Array,
  classes: number,
  priorWidth = Infinity,
): number {
  if (labels.length === 0 || classes < 2) return 1;
  const n = labels.length;
  const penalty = Number.isFinite(priorWidth) && priorWidth > 0 ? 1 / (2 * priorWidth * priorWidth) : 0;
  const objective = (logT: number) =>
    n * meanLogLoss(scores, labels, classes, exp(logT)) + penalty * logT * logT;
  const low = log(MIN_TEMPERATURE);
  const high = log(MAX_TEMPERATURE);
  const steps = 60;
  const step = (high - low) / steps;
  let best = 0;
  let bestValue = Infinity;
  for (let i = 0; i <= steps; i++) {
    const value = objective(low + i * step);
    if (value < bestValue) {
      bestValue = value;
      best = i;
    }
  }
  // Golden-section search within the grid cells either side of the best point.
  let a = low + (best > 0 ? best - 1 : 0) * step;
  let b = low + (best < steps ? best + 1 : steps) * step;
  const ratio = (sqrt(5) - 1) / 2;
  let c = b - ratio * (b - a);
  let d = a + ratio * (b - a);
  let fc = objective(c);
  let fd = objective(d);
  for (let i = 0; i < 40; i++) {
    if (fc <= fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - ratio * (b - a);
      fc = objective(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + ratio * (b - a);
      fd = objective(d);
    }
  }
  const logT = (a + b) / 2;
  return exp(objective(logT) <= bestValue ? logT : low + best * step);
}

/**
 * Expected calibration error: the examples are put in `bins` equal-width bins by the confidence of
 * their top code, and ECE = Σ_bins (n_bin / n) · |accuracy_bin − mean confidence_bin|. 0 is perfect:
 * of the answers given with 80 % confidence, 80 % are right.
 */
export function expectedCalibrationError(
  confidences: ArrayLike<number>,
  correct: ArrayLike<boolean>,
  bins = 10,
): number {
  const count = new Float64Array(bins);
  const confidenceSum = new Float64Array(bins);
  const rightSum = new Float64Array(bins);
  for (let i = 0; i < confidences.length; i++) {
    const bin = Math.min(bins - 1, floor(confidences[i] * bins));
    count[bin]++;
    confidenceSum[bin] += confidences[i];
    if (correct[i]) rightSum[bin]++;
  }
  let error = 0;
  for (let b = 0; b < bins; b++) {
    if (count[b] > 0) {
      error += (count[b] / confidences.length) * abs(rightSum[b] / count[b] - confidenceSum[b] / count[b]);
    }
  }
  return error;
}
