import { ContentTopicSettings } from './content-topic-settings';
import { round, TopicFigures } from './topic-figures';

/** The points each part adds to the score (they sum to the score, give or take rounding). */
export interface ScoreParts {
  volume: number;
  growth: number;
  howTo: number;
}

export interface TopicScore {
  /** 0–100, one decimal. */
  score: number;
  parts: ScoreParts;
}

/**
 * How much a topic deserves content, 0–100, mixing three terms each in [0, 1]:
 *
 *   volume term  = min(1, ln(1 + volume) ÷ ln(1 + volumeSaturation))          (log: 10 → 0.45, 200 → 1)
 *   growth term  = clamp(log₂((volume + 1) ÷ (previous + 1)) ÷ log₂(growthSaturation), 0, 1)
 *                  (+1 smoothing: a topic going 0 → 3 is not "infinitely" rising; a fall scores 0)
 *   how-to term  = how-to share (cases where customers do not know how: a misunderstanding content fixes)
 *
 *   score = 100 × (wV × volume + wG × growth + wH × how-to) ÷ (wV + wG + wH)
 *
 * With the defaults (0.4, 0.4, 0.2; saturation 200 cases, ×4): 12 how-to cases against 4 the week
 * before score 66.9 (volume 19.3 + growth 27.6 + how-to 20). Pure.
 */
export function scoreTopic(figures: TopicFigures, settings: ContentTopicSettings['score']): TopicScore {
  const weights = settings.volumeWeight + settings.growthWeight + settings.howToWeight;
  const volumeTerm = Math.min(1, Math.log1p(figures.volume) / Math.log1p(settings.volumeSaturation));
  const ratio = (figures.volume + 1) / (figures.previousVolume + 1);
  const growthTerm = clamp(Math.log2(ratio) / Math.log2(settings.growthSaturation), 0, 1);
  const howToTerm = clamp(figures.howToShare, 0, 1);
  const points = (weight: number, term: number) => (100 * weight * term) / weights;
  const volume = points(settings.volumeWeight, volumeTerm);
  const growth = points(settings.growthWeight, growthTerm);
  const howTo = points(settings.howToWeight, howToTerm);
  return {
    score: round(volume + growth + howTo, 1),
    parts: { volume: round(volume, 1), growth: round(growth, 1), howTo: round(howTo, 1) },
  };
}

export interface Rankable {
  key: string;
  score: number;
  volume: number;
}

/**
 * Ranks topics with cases: score descending, then volume descending, then key (code-point order), 1
 * first. Topics without cases in the window have no rank. Pure.
 */
export function rankTopics(topics: readonly Rankable[]): Map<string, number> {
  const ranked = topics
    .filter((topic) => topic.volume > 0)
    .sort((a, b) => b.score - a.score || b.volume - a.volume || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return new Map(ranked.map((topic, index) => [topic.key, index + 1]));
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
