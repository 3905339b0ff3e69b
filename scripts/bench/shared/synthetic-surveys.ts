import { SERVQUAL_DIMENSIONS, SurveyResponse, validateContract } from '@supportlens/contracts';
import { scoreSurvey } from '../../../services/survey-scoring/src/scoring/domain/score-survey';
import { DEFAULT_SCORING_CONFIG } from '../../../services/survey-scoring/src/scoring/domain/scoring-config';
import { Random } from './random';
import { CaseDraft } from './synthetic-cases';
import { SyntheticCustomer } from './synthetic-customers';

const SURVEY_SOURCES = ['qualtrics', 'medallia', 'surveymonkey'] as const;
/** The scoring-configuration version the scores claim to come from. */
export const SCORING_CONFIG_VERSION = 1;

/**
 * Survey responses as survey tools send them, scored by the real scorer (the same code the
 * survey-scoring service runs), so the `support.surveys.scored.v1` payloads are what insights gets
 * in production. A bad experience (negative tone, escalation) leans towards low answers.
 */
export class SurveyDrafts {
  private count = 0;

  constructor(
    private readonly random: Random,
    private readonly label: { id: (kind: string, n: number) => string },
  ) {}

  /** A transactional survey about a solved case. */
  aboutCase(draft: CaseDraft, respondedAt: Date): object {
    const r = this.random;
    const unhappy = draft.tone.label === 'negative' || draft.escalated;
    const csat = this.answer(1, unhappy ? [30, 25, 20, 15, 10] : [4, 6, 12, 38, 40]);
    const plain: Record<string, unknown> = {
      ...this.base(draft.customer, respondedAt, 'transactional'),
      interaction: draft.channel === 'phone' ? 'call' : draft.channel === 'chat' ? 'chat' : 'email',
      caseId: draft.caseId,
      channel: draft.channel,
      csat,
    };
    if (r.chance(0.5))
      plain.ces = this.answer(1, unhappy ? [25, 20, 15, 15, 10, 8, 7] : [3, 4, 8, 12, 22, 26, 25]);
    if (r.chance(0.3))
      plain.nps = this.answer(
        0,
        unhappy ? [12, 8, 8, 10, 10, 12, 10, 10, 8, 6, 6] : [2, 1, 2, 2, 3, 5, 7, 12, 20, 22, 24],
      );
    if (r.chance(0.4))
      plain.ratings = { overallExperience: csat, speedOfResolution: this.answer(1, [5, 8, 15, 35, 37]) };
    if (r.chance(0.2)) plain.servqual = this.servqual(unhappy);
    if (r.chance(0.2))
      plain.comment = unhappy
        ? 'It took far too long and I had to explain it twice.'
        : 'Quick and friendly, thanks.';
    return this.scored(plain);
  }

  /** An image survey: the brand as a whole (likelihood to recommend and to buy again). */
  image(customer: SyntheticCustomer, respondedAt: Date): object {
    const plain: Record<string, unknown> = {
      ...this.base(customer, respondedAt, 'image'),
      nps: this.answer(0, [3, 2, 2, 3, 3, 6, 7, 12, 20, 20, 22]),
      buyAgain: this.answer(0, [2, 2, 2, 3, 3, 6, 8, 12, 20, 20, 22]),
    };
    if (this.random.chance(0.35)) plain.servqual = this.servqual(false);
    return this.scored(plain);
  }

  private base(
    customer: SyntheticCustomer,
    respondedAt: Date,
    kind: 'transactional' | 'image',
  ): Record<string, unknown> {
    const r = this.random;
    return {
      responseId: this.label.id('response', this.count++),
      source: r.pick(SURVEY_SOURCES),
      // Survey tools often know only the customer id; some send the segment as well.
      customer: r.chance(0.5) ? { id: customer.id } : { id: customer.id, segment: customer.segment },
      kind,
      respondedAt: respondedAt.toISOString(),
      updatedAt: respondedAt.toISOString(),
      ...(customer.consent && r.chance(0.3) ? { consent: customer.consent } : {}),
    };
  }

  private servqual(unhappy: boolean): Record<string, { expectation: number; perception: number }> {
    const r = this.random;
    const answers: Record<string, { expectation: number; perception: number }> = {};
    for (const dimension of SERVQUAL_DIMENSIONS) {
      if (!r.chance(0.8)) continue;
      const expectation = r.between(4, 7);
      const perception = Math.min(7, Math.max(1, expectation + r.between(unhappy ? -4 : -2, 1)));
      answers[dimension] = { expectation, perception };
    }
    if (Object.keys(answers).length === 0) answers.reliability = { expectation: 6, perception: 5 };
    return answers;
  }

  /** An answer from `min` upwards, drawn with the given relative weights. */
  private answer(min: number, weights: readonly number[]): number {
    return this.random.weighted(
      weights.map((_, i) => min + i),
      weights,
    );
  }

  private scored(plain: Record<string, unknown>): object {
    const result = validateContract(SurveyResponse, plain);
    if (!result.valid)
      throw new Error(`generated an invalid survey response: ${JSON.stringify(result.violations)}`);
    return {
      response: result.value,
      scores: scoreSurvey(result.value, DEFAULT_SCORING_CONFIG),
      scoringConfigVersion: SCORING_CONFIG_VERSION,
    };
  }
}
