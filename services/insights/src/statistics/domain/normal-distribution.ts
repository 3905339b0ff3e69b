/**
 * The standard normal distribution, to double precision: erf/erfc by W. J. Cody's rational Chebyshev
 * approximations ("Rational Chebyshev approximations for the error function", Math. Comp. 23, 1969;
 * the coefficients of netlib specfun CALERF), relative error below 1e-15 over the whole line. erfc is
 * computed directly in the tails, never as 1 − erf, so a p-value of 1e-20 keeps its digits. Pure.
 */

const A = [3.1611237438705655, 113.86415415105016, 377.485237685302, 3209.3775891384694, 0.18577770618460315];
const B = [23.601290952344122, 244.02463793444417, 1282.6165260773723, 2844.236833439171];
const C = [
  0.5641884969886701, 8.883149794388375, 66.11919063714163, 298.6351381974001, 881.952221241769,
  1712.0476126340707, 2051.0783778260716, 1230.3393547979972, 2.1531153547440383e-8,
];
const D = [
  15.744926110709835, 117.6939508913125, 537.1811018620099, 1621.3895745666903, 3290.7992357334597,
  4362.619090143247, 3439.3676741437216, 1230.3393548037495,
];
const P = [
  0.30532663496123236, 0.36034489994980445, 0.12578172611122926, 0.016083785148742275, 0.0006587491615298367,
  0.016315387137302097,
];
const Q = [
  2.5685201922898684, 1.8729528499234604, 0.5279051029514283, 0.06051834131244132, 0.0023352049762686918,
];

const ONE_OVER_SQRT_PI = 0.5641895835477563;
const SQRT_2 = Math.SQRT2;
const SQRT_2PI = 2.5066282746310002;
/** erfc(x) underflows to 0 above this. */
const ERFC_ZERO = 26.543;

/** erfc(y) for y ≥ 0.46875 (Cody's second and third intervals). */
function erfcTail(y: number): number {
  let result: number;
  if (y <= 4) {
    let numerator = C[8] * y;
    let denominator = y;
    for (let i = 0; i < 7; i++) {
      numerator = (numerator + C[i]) * y;
      denominator = (denominator + D[i]) * y;
    }
    result = (numerator + C[7]) / (denominator + D[7]);
  } else {
    if (y >= ERFC_ZERO) return 0;
    const z = 1 / (y * y);
    let numerator = P[5] * z;
    let denominator = z;
    for (let i = 0; i < 4; i++) {
      numerator = (numerator + P[i]) * z;
      denominator = (denominator + Q[i]) * z;
    }
    result = (z * (numerator + P[4])) / (denominator + Q[4]);
    result = (ONE_OVER_SQRT_PI - result) / y;
  }
  // exp(−y²) split in two so that the rounding of y² does not cost digits.
  const rounded = Math.trunc(y * 16) / 16;
  const rest = (y - rounded) * (y + rounded);
  return Math.exp(-rounded * rounded) * Math.exp(-rest) * result;
}

/** erf(x) for |x| ≤ 0.46875 (Cody's first interval). */
function erfCentral(x: number): number {
  const z = x * x;
  let numerator = A[4] * z;
  let denominator = z;
  for (let i = 0; i < 3; i++) {
    numerator = (numerator + A[i]) * z;
    denominator = (denominator + B[i]) * z;
  }
  return (x * (numerator + A[3])) / (denominator + B[3]);
}

export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const y = Math.abs(x);
  if (y <= 0.46875) return erfCentral(x);
  const value = 1 - erfcTail(y);
  return x < 0 ? -value : value;
}

export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const y = Math.abs(x);
  if (y <= 0.46875) return 1 - erfCentral(x);
  const tail = erfcTail(y);
  return x < 0 ? 2 - tail : tail;
}

/** Φ(z) = P(Z ≤ z). */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / SQRT_2);
}

/** 1 − Φ(z) = P(Z > z), accurate far into the upper tail. */
export function normalSurvival(z: number): number {
  return 0.5 * erfc(z / SQRT_2);
}

/** P(|Z| ≥ |z|): the two-sided p-value of a z statistic. */
export function twoSidedNormalP(z: number): number {
  if (Number.isNaN(z)) return NaN;
  return erfc(Math.abs(z) / SQRT_2);
}

// P. J. Acklam's rational approximation of Φ⁻¹ (relative error 1.15e-9), refined below.
const QA = [
  -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
  2.506628277459239,
];
const QB = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
const QC = [
  -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
  2.938163982698783,
];
const QD = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
const P_LOW = 0.02425;

/**
 * Φ⁻¹(p): the z with Φ(z) = p, e.g. 1.959963984540054 for 0.975. Acklam's approximation, then two
 * Halley steps on Φ (computed with erfc above), which bring it to double precision.
 */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  let x: number;
  if (p < P_LOW) {
    const q = Math.sqrt(-2 * Math.log(p));
    x = tailPolynomial(q);
  } else if (p <= 1 - P_LOW) {
    const q = p - 0.5;
    const r = q * q;
    x =
      ((((((QA[0] * r + QA[1]) * r + QA[2]) * r + QA[3]) * r + QA[4]) * r + QA[5]) * q) /
      (((((QB[0] * r + QB[1]) * r + QB[2]) * r + QB[3]) * r + QB[4]) * r + 1);
  } else {
    const q = Math.sqrt(-2 * Math.log1p(-p));
    x = -tailPolynomial(q);
  }
  for (let step = 0; step < 2; step++) {
    // Work on the smaller tail so the error e keeps its relative precision.
    const e = x < 0 ? normalCdf(x) - p : 1 - p - normalSurvival(x);
    const u = e * SQRT_2PI * Math.exp((x * x) / 2);
    x = x - u / (1 + (x * u) / 2);
  }
  return x;
}

function tailPolynomial(q: number): number {
  return (
    (((((QC[0] * q + QC[1]) * q + QC[2]) * q + QC[3]) * q + QC[4]) * q + QC[5]) /
    ((((QD[0] * q + QD[1]) * q + QD[2]) * q + QD[3]) * q + 1)
  );
}
