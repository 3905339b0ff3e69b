/**
 * The `contentTopics` section of the insight settings: windows, thresholds and weights of the
 * content-topic detector (defined in `services/insights/docs/content-topics.md`). Read at each batch, so a new version
 * applies from the next batch on.
 */
export interface ContentTopicSettings {
  /** The current window in whole UTC days ending with the day of the evaluation; the previous window is as long. */
  windowDays: number;
  /** An issue-code topic is raised when its volume ≥ minVolume AND (growth ≥ minGrowth, or it is new, or rank ≤ topN). */
  raise: {
    minVolume: number;
    /** Relative growth against the previous window: 1 = doubled. */
    minGrowth: number;
    topN: number;
  };
  /** An open issue-code topic stays open while volume ≥ minVolume AND (growth ≥ minGrowth, or new, or rank ≤ topN). */
  keep: {
    minVolume: number;
    minGrowth: number;
    topN: number;
  };
  /** An open topic that stays open is updated when its volume or score moves this much. */
  update: {
    /** Cases, and at least this share of the volume last announced. */
    minVolumeChange: number;
    minRelativeVolumeChange: number;
    /** Score points. */
    minScoreChange: number;
  };
  /** score = 100 × (volume × vT + growth × gT + howTo × share) ÷ (volume + growth + howTo); see score-topic.ts. */
  score: {
    volumeWeight: number;
    growthWeight: number;
    howToWeight: number;
    /** The volume that earns the full volume term (log scale). */
    volumeSaturation: number;
    /** The growth ratio (current + 1) ÷ (previous + 1) that earns the full growth term (log scale). */
    growthSaturation: number;
  };
  /** See content-kind.ts. */
  contentKind: {
    /** A how-to share at or above this suggests a how-to article. */
    howToShare: number;
    /** Growth at or above this (or a new topic) suggests a release note for codes of other kinds. */
    changeGrowth: number;
  };
  /** The segments most affected: at least minCases of the topic's cases, lift > 1, the `max` highest. */
  segments: { minCases: number; max: number };
  /** Example phrasings per topic. */
  examples: number;
  /**
   * Emerging terms among term-pool cases (unclassified or low-confidence). A term is raised when its
   * volume ≥ minVolume, its rate among the pool's cases is ≥ minLift × its previous rate and Dunning's
   * log-likelihood ratio G² of the two windows is ≥ minKeyness (10.83: p < 0.001, one degree of
   * freedom); it stays open while volume ≥ keepVolume and lift ≥ keepLift. The previous window is
   * smoothed with priorCases pool cases at priorRate, so a term is not "infinitely" new.
   */
  terms: {
    minVolume: number;
    minLift: number;
    minKeyness: number;
    keepVolume: number;
    keepLift: number;
    priorCases: number;
    priorRate: number;
    /** At most this many term topics open at once (the strongest first). */
    maxOpen: number;
  };
}

export const DEFAULT_CONTENT_TOPIC_SETTINGS: ContentTopicSettings = {
  windowDays: 7,
  raise: { minVolume: 5, minGrowth: 1, topN: 10 },
  keep: { minVolume: 3, minGrowth: 0.25, topN: 15 },
  update: { minVolumeChange: 3, minRelativeVolumeChange: 0.25, minScoreChange: 10 },
  score: {
    volumeWeight: 0.4,
    growthWeight: 0.4,
    howToWeight: 0.2,
    volumeSaturation: 200,
    growthSaturation: 4,
  },
  contentKind: { howToShare: 0.5, changeGrowth: 1 },
  segments: { minCases: 3, max: 3 },
  examples: 3,
  terms: {
    minVolume: 5,
    minLift: 2,
    minKeyness: 10.83,
    keepVolume: 3,
    keepLift: 1.25,
    priorCases: 20,
    priorRate: 0.02,
    maxOpen: 20,
  },
};

/** The longest window: the API sums at most twice this many days of rows. */
export const MAX_CONTENT_TOPIC_WINDOW_DAYS = 366;

/**
 * What is wrong with a combination of settings (the settings API checks the types against the
 * defaults); each problem starts with the path of its field. Empty when the settings are usable.
 */
export function contentTopicSettingsProblems(settings: ContentTopicSettings): string[] {
  const problems: string[] = [];
  const require = (ok: boolean, problem: string): void => {
    if (!ok) problems.push(problem);
  };
  const wholeAtLeast = (value: number, min: number) => Number.isInteger(value) && value >= min;
  const { windowDays, raise, keep, update, score, contentKind, segments, examples, terms } = settings;

  require(wholeAtLeast(windowDays, 1) &&
    windowDays <=
      MAX_CONTENT_TOPIC_WINDOW_DAYS, `windowDays must be a whole number of days from 1 to ${MAX_CONTENT_TOPIC_WINDOW_DAYS}`);
  require(wholeAtLeast(raise.minVolume, 1), 'raise.minVolume must be a whole number ≥ 1');
  require(raise.minGrowth > 0, 'raise.minGrowth must be > 0');
  require(wholeAtLeast(raise.topN, 0), 'raise.topN must be a whole number ≥ 0 (0: growth alone raises)');
  // Hysteresis: what keeps a topic open must be easier to meet than what raised it, or it flaps.
  require(wholeAtLeast(keep.minVolume, 1) &&
    keep.minVolume <= raise.minVolume, 'keep.minVolume must be a whole number from 1 to raise.minVolume');
  require(keep.minGrowth >= -1 &&
    keep.minGrowth < raise.minGrowth, 'keep.minGrowth must be ≥ -1 and below raise.minGrowth');
  require(wholeAtLeast(keep.topN, 0) &&
    keep.topN >= raise.topN, 'keep.topN must be a whole number ≥ raise.topN');
  require(wholeAtLeast(update.minVolumeChange, 1), 'update.minVolumeChange must be a whole number ≥ 1');
  require(update.minRelativeVolumeChange >= 0, 'update.minRelativeVolumeChange must be ≥ 0');
  require(update.minScoreChange > 0 &&
    update.minScoreChange <= 100, 'update.minScoreChange must be in (0, 100]');
  for (const name of ['volumeWeight', 'growthWeight', 'howToWeight'] as const) {
    require(score[name] >= 0 && score[name] <= 100, `score.${name} must be from 0 to 100`);
  }
  require(score.volumeWeight + score.growthWeight + score.howToWeight > 0, 'score weights cannot all be 0');
  require(score.volumeSaturation >= 1, 'score.volumeSaturation must be ≥ 1');
  require(score.growthSaturation > 1, 'score.growthSaturation must be > 1');
  require(contentKind.howToShare > 0 &&
    contentKind.howToShare <= 1, 'contentKind.howToShare must be in (0, 1]');
  require(contentKind.changeGrowth > 0, 'contentKind.changeGrowth must be > 0');
  require(wholeAtLeast(segments.minCases, 1), 'segments.minCases must be a whole number ≥ 1');
  require(wholeAtLeast(segments.max, 0) &&
    segments.max <= 10, 'segments.max must be a whole number from 0 to 10');
  require(wholeAtLeast(examples, 0) && examples <= 10, 'examples must be a whole number from 0 to 10');
  require(wholeAtLeast(terms.minVolume, 1), 'terms.minVolume must be a whole number ≥ 1');
  require(terms.minLift > 1, 'terms.minLift must be > 1');
  require(terms.minKeyness >= 0, 'terms.minKeyness must be ≥ 0');
  require(wholeAtLeast(terms.keepVolume, 1) &&
    terms.keepVolume <= terms.minVolume, 'terms.keepVolume must be a whole number from 1 to terms.minVolume');
  require(terms.keepLift >= 1 &&
    terms.keepLift < terms.minLift, 'terms.keepLift must be ≥ 1 and below terms.minLift');
  require(terms.priorCases >= 0, 'terms.priorCases must be ≥ 0');
  require(terms.priorRate > 0 && terms.priorRate < 1, 'terms.priorRate must be in (0, 1)');
  require(wholeAtLeast(terms.maxOpen, 0) &&
    terms.maxOpen <= 1000, 'terms.maxOpen must be a whole number from 0 to 1000');
  return problems;
}
