/** A seeded source of randomness: the same seed always gives the same synthetic load. */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  chance(probability: number): boolean;
  /** An integer in [min, max]. */
  between(min: number, max: number): number;
  pick<T>(list: readonly T[]): T;
  /** An element drawn with the given relative weights. */
  weighted<T>(list: readonly T[], weights: readonly number[]): T;
}

/** mulberry32: small, fast and good enough for synthetic data. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const weighted = <T>(list: readonly T[], weights: readonly number[]): T => {
    let roll = next() * weights.reduce((sum, weight) => sum + weight, 0);
    for (let i = 0; i < list.length; i++) if ((roll -= weights[i]) < 0) return list[i];
    return list[list.length - 1];
  };
  return {
    next,
    chance: (probability) => next() < probability,
    between: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (list) => list[Math.floor(next() * list.length)],
    weighted,
  };
}

/**
 * Draws indexes 0…n−1 with Zipf weights 1/(rank+1)^exponent: a few large customers send most of the
 * traffic, a long tail sends little. Cumulative table + binary search, so a draw is O(log n).
 */
export function zipfSampler(random: Random, n: number, exponent: number): () => number {
  const cumulative = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) cumulative[i] = total += 1 / Math.pow(i + 1, exponent);
  return () => {
    const roll = random.next() * total;
    let low = 0;
    let high = n - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (cumulative[middle] > roll) high = middle;
      else low = middle + 1;
    }
    return low;
  };
}
