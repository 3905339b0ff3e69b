import { isCsatSatisfied, npsCategoryOf, scoreSurvey } from './score-survey';

describe('survey scoring', () => {
  it('counts 4 and 5 as satisfied, 1 to 3 as not', () => {
    expect([1, 2, 3, 4, 5].map(isCsatSatisfied)).toEqual([false, false, false, true, true]);
  });

  it('puts every NPS answer in its category', () => {
    const categories = Array.from({ length: 11 }, (_, nps) => npsCategoryOf(nps));
    expect(categories).toEqual([...Array(7).fill('detractor'), 'passive', 'passive', 'promoter', 'promoter']);
  });

  it('scores only what was answered', () => {
    expect(scoreSurvey({ csat: 2 })).toEqual({ csat: 2, csatSatisfied: false });
    expect(scoreSurvey({ nps: 9, ces: 3 })).toEqual({ nps: 9, npsCategory: 'promoter', ces: 3 });
    expect(scoreSurvey({})).toEqual({});
  });
});
