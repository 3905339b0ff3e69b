import { answeredRatings, isAnswered, isCesLowEffort, isCsatSatisfied, npsCategoryOf } from './answer-scores';

describe('answer scores', () => {
  it('counts a CSAT of 4 or 5 as satisfied (top-2-box), 1 to 3 as not', () => {
    expect([1, 2, 3, 4, 5].map(isCsatSatisfied)).toEqual([false, false, false, true, true]);
  });

  it('puts every NPS answer in its category: 0–6 detractor, 7–8 passive, 9–10 promoter', () => {
    const categories = Array.from({ length: 11 }, (_, nps) => npsCategoryOf(nps));
    expect(categories).toEqual([...Array(7).fill('detractor'), 'passive', 'passive', 'promoter', 'promoter']);
  });

  it('counts a CES of 5–7 (agrees the company made it easy) as low effort', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map(isCesLowEffort)).toEqual([false, false, false, false, true, true, true]);
  });

  it('treats absent and null as unanswered, and 0 as an answer', () => {
    expect([undefined, null, 0, 10].map(isAnswered)).toEqual([false, false, true, true]);
  });

  it('echoes only the topic ratings answered, in topic order', () => {
    const ratings = { professionalism: 5, overallExperience: 2, speedOfResolution: undefined };
    expect(answeredRatings(ratings)).toEqual({ overallExperience: 2, professionalism: 5 });
    expect(Object.keys(answeredRatings(ratings)!)).toEqual(['overallExperience', 'professionalism']);
    expect(answeredRatings({ speedOfResolution: null as unknown as number })).toBeUndefined();
    expect(answeredRatings({})).toBeUndefined();
    expect(answeredRatings(undefined)).toBeUndefined();
  });
});
