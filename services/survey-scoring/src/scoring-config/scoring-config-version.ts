import { IndustryBenchmark, ScoringConfig } from '../scoring/domain/scoring-config';

/** One stored version of the scoring configuration, as the API shows it and the scorer uses it. */
export interface ScoringConfigVersion extends ScoringConfig {
  /** Why the version was made, as its author said. */
  note: string | null;
  /** Who made it, when known. */
  createdBy: string | null;
  /** RFC 3339. */
  createdAt: string;
}

/** What a new version is made of; the repository assigns the version number. */
export interface NewScoringConfig {
  weights: ScoringConfig['weights'];
  tolerance: number;
  /** Keyed by industry in lower case. */
  benchmarks: Record<string, IndustryBenchmark>;
  note: string | null;
  createdBy: string | null;
}
