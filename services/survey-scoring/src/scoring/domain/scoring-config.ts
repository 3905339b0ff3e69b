import { BenchmarkSource, ServqualDimension } from '@supportlens/contracts';

/** A published industry figure to compare satisfaction with (ACSI 0–100, J.D. Power 0–1,000). */
export interface IndustryBenchmark {
  source: BenchmarkSource;
  score: number;
}

/** One version of the scoring configuration; every scored event names the version that scored it. */
export interface ScoringConfig {
  version: number;
  /** Importance points per SERVQUAL dimension; non-negative, adding up to 100. */
  weights: Record<ServqualDimension, number>;
  /** Half-width of the "satisfied" band around a zero weighted gap, in scale points (1–7 scale). */
  tolerance: number;
  /** Per industry (the customer's segment.industry, compared case-insensitively). */
  benchmarks: Record<string, IndustryBenchmark>;
}

/** Berry & Parasuraman's importance points; the configuration customers start with. */
export const DEFAULT_SCORING_CONFIG: ScoringConfig = {
  version: 1,
  weights: { reliability: 32, responsiveness: 22, assurance: 19, empathy: 16, tangibles: 11 },
  tolerance: 0.25,
  benchmarks: {},
};
