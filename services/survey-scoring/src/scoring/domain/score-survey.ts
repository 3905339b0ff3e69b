import { SurveyResponse, SurveyScores } from '@supportlens/contracts';
import { answeredRatings, isAnswered, isCesLowEffort, isCsatSatisfied, npsCategoryOf } from './answer-scores';
import { compareWithBenchmark, findBenchmark } from './benchmark';
import { roundScore } from './rounding';
import { satisfactionIndexOf } from './satisfaction-index';
import { scoreServqual } from './score-servqual';
import { ScoringConfig } from './scoring-config';

export { isCesLowEffort, isCsatSatisfied, npsCategoryOf } from './answer-scores';

/**
 * Scores one response with one configuration version (see docs/scoring.md). Only what was answered is
 * scored: a missing answer is absent from the scores, never zero. Pure: no I/O, the response and the
 * configuration are not modified, and the same input always gives the same scores.
 */
export function scoreSurvey(response: SurveyResponse, config: ScoringConfig): SurveyScores {
  const scores: SurveyScores = {};
  if (isAnswered(response.csat)) {
    scores.csat = response.csat;
    scores.csatSatisfied = isCsatSatisfied(response.csat);
  }
  if (isAnswered(response.nps)) {
    scores.nps = response.nps;
    scores.npsCategory = npsCategoryOf(response.nps);
  }
  if (isAnswered(response.ces)) {
    scores.ces = response.ces;
    scores.cesLowEffort = isCesLowEffort(response.ces);
  }
  if (isAnswered(response.buyAgain)) scores.buyAgain = response.buyAgain;

  const ratings = answeredRatings(response.ratings);
  if (ratings) scores.ratings = ratings;

  const servqual = scoreServqual(response, config);
  if (servqual) scores.servqual = servqual.score;

  const satisfaction = satisfactionIndexOf(response.csat, ratings?.overallExperience, servqual?.qualityIndex);
  if (!satisfaction) return scores;
  const satisfactionIndex = roundScore(satisfaction.value);
  scores.satisfactionIndex = satisfactionIndex;
  scores.satisfactionIndexComponents = satisfaction.components;

  const industry = response.customer?.segment?.industry;
  if (typeof industry !== 'string') return scores;
  const benchmark = findBenchmark(industry, config.benchmarks);
  const comparison = benchmark && compareWithBenchmark(satisfactionIndex, benchmark);
  if (comparison) {
    scores.benchmarkIndustry = industry;
    scores.benchmark = comparison;
  }
  return scores;
}
