import { NpsCategory, RATING_TOPICS, TopicRatings } from '@supportlens/contracts';

/** Whether a survey answer is there. Absent and `null` (which the contract lets through) are unanswered. */
export function isAnswered(value: number | null | undefined): value is number {
  return typeof value === 'number';
}

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

/** CES on 1–7 ("the company made it easy to handle my issue", 7 = strongly agree): 5–7 agrees it was easy. */
export function isCesLowEffort(ces: number): boolean {
  return ces >= 5;
}

/** The topic ratings that were answered, in RATING_TOPICS order; undefined when none was. */
export function answeredRatings(ratings: TopicRatings | null | undefined): TopicRatings | undefined {
  if (ratings == null) return undefined;
  let answered: TopicRatings | undefined;
  for (const topic of RATING_TOPICS) {
    const rating = ratings[topic];
    if (!isAnswered(rating)) continue;
    answered ??= {};
    answered[topic] = rating;
  }
  return answered;
}
