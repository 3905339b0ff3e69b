import { NpsCategory, SurveyResponse, SurveyScores } from '@supportlens/contracts';

/** CSAT top-2-box: 4 or 5 on the 1–5 scale is a satisfied customer. */
export function isCsatSatisfied(csat: number): boolean {
  return csat >= 4;
}

/** NPS: promoters answer 9–10, passives 7–8, detractors 0–6. */
export function npsCategoryOf(nps: number): NpsCategory {
  if (nps >= 9) return 'promoter';
  if (nps >= 7) return 'passive';
  return 'detractor';
}

/** Scores one response. Only what was answered is scored: a missing answer is absent, never zero. Pure. */
export function scoreSurvey(response: Pick<SurveyResponse, 'csat' | 'nps' | 'ces'>): SurveyScores {
  const scores: SurveyScores = {};
  if (response.csat !== undefined) {
    scores.csat = response.csat;
    scores.csatSatisfied = isCsatSatisfied(response.csat);
  }
  if (response.nps !== undefined) {
    scores.nps = response.nps;
    scores.npsCategory = npsCategoryOf(response.nps);
  }
  if (response.ces !== undefined) scores.ces = response.ces;
  return scores;
}
