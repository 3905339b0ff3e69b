import { BenchmarkComparison } from '@supportlens/contracts';
import { roundScore } from './rounding';
import { IndustryBenchmark } from './scoring-config';

/** The top of each source's published scale: ACSI scores 0–100, J.D. Power indices 0–1,000. */
const PUBLISHED_SCALE_MAX = { acsi: 100, jd_power: 1000 } as const;

// Case-insensitive lookup tables for configurations whose industries are not all in lower case, built
// once per `benchmarks` object. A configuration version is an immutable value; a changed configuration
// is a new object and gets its own table.
const lookups = new WeakMap<Readonly<Record<string, IndustryBenchmark>>, Map<string, IndustryBenchmark>>();

function lookupOf(benchmarks: Readonly<Record<string, IndustryBenchmark>>): Map<string, IndustryBenchmark> {
  let lookup = lookups.get(benchmarks);
  if (!lookup) {
    lookup = new Map();
    // Object.entries sees own properties only: an industry called "constructor" matches nothing. When
    // two spellings are configured ("retail" and "Retail"), the lower-case one wins, as in findBenchmark.
    for (const [industry, benchmark] of Object.entries(benchmarks)) {
      const key = industry.toLowerCase();
      if (key === industry || !lookup.has(key)) lookup.set(key, benchmark);
    }
    lookups.set(benchmarks, lookup);
  }
  return lookup;
}

/** The configured benchmark of an industry, compared case-insensitively ("Retail" finds "retail"). */
export function findBenchmark(
  industry: string | null | undefined,
  benchmarks: Readonly<Record<string, IndustryBenchmark>>,
): IndustryBenchmark | undefined {
  if (typeof industry !== 'string' || industry.length === 0) return undefined;
  const key = industry.toLowerCase();
  // The configuration API stores industries in lower case: usually found without any table.
  if (Object.hasOwn(benchmarks, key)) return benchmarks[key];
  return lookupOf(benchmarks).get(key);
}

/**
 * A published figure on the 0–100 satisfaction-index scale: an ACSI score as it is, a J.D. Power
 * 1,000-point index divided by 10. Undefined for a figure outside its source's scale (a configuration
 * mistake: better no comparison than a wrong one).
 */
export function benchmarkIndexOf(benchmark: IndustryBenchmark): number | undefined {
  const max = PUBLISHED_SCALE_MAX[benchmark.source];
  const score = benchmark.score;
  if (max === undefined || !(score >= 0 && score <= max)) return undefined;
  return benchmark.source === 'jd_power' ? score / 10 : score;
}

/**
 * Compares a (published, rounded) satisfaction index with a benchmark: difference = index − benchmark
 * index, in index points (positive: above the industry). Undefined when the benchmark is unusable.
 */
export function compareWithBenchmark(
  satisfactionIndex: number,
  benchmark: IndustryBenchmark,
): BenchmarkComparison | undefined {
  const index = benchmarkIndexOf(benchmark);
  if (index === undefined) return undefined;
  return {
    source: benchmark.source,
    published: benchmark.score,
    index: roundScore(index),
    difference: roundScore(satisfactionIndex - index),
  };
}
