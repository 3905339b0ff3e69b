import { ScoredSurvey, SurveyResponse } from '@supportlens/contracts';
import { scoreSurvey } from './domain/score-survey';
import { ScoringConfig } from './domain/scoring-config';

export type ScoringOutcome = { ok: true; scored: ScoredSurvey } | { ok: false; reason: string };

/** Error class of the dead letter for a response the scorer refuses. */
export const INCONSISTENT_ANSWERS = 'InconsistentAnswers';

/**
 * What the pipeline publishes for one response, and what the dry run answers: the response, its
 * scores and the version of the configuration that produced them. A response the scorer refuses
 * (answers that contradict each other in a way the contract cannot express) is an outcome, not an
 * exception, so one such response never holds back the others of its batch.
 */
export function scoreResponse(response: SurveyResponse, config: ScoringConfig): ScoringOutcome {
  try {
    const scores = scoreSurvey(response, config);
    return { ok: true, scored: { response, scores, scoringConfigVersion: config.version } };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}
