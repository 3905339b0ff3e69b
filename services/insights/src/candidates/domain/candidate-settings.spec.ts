import {
  candidateSettingsProblems,
  CandidateSettings,
  DEFAULT_CANDIDATE_SETTINGS,
} from './candidate-settings';

const withChanges = (change: (settings: CandidateSettings) => void): CandidateSettings => {
  const settings = structuredClone(DEFAULT_CANDIDATE_SETTINGS);
  change(settings);
  return settings;
};

describe('candidateSettingsProblems', () => {
  it('finds nothing wrong with the defaults, which are plain JSON', () => {
    expect(candidateSettingsProblems(DEFAULT_CANDIDATE_SETTINGS)).toEqual([]);
    expect(JSON.parse(JSON.stringify(DEFAULT_CANDIDATE_SETTINGS))).toEqual(DEFAULT_CANDIDATE_SETTINGS);
  });

  it('refuses keep bars harder than the raise bars (a fresh candidate would be withdrawn at once)', () => {
    expect(
      candidateSettingsProblems(
        withChanges((s) => {
          s.keep.minNps = 10;
          s.keep.minCsat = 5;
          s.keep.servqualLevels = ['satisfied'];
          s.keep.caseWithinDays = 10;
        }),
      ),
    ).toEqual(
      [
        'keep.minNps must be ≤ raise.minNps',
        'keep.caseWithinDays must be ≥ raise.caseWithinDays',
        'keep.servqualLevels must include delighted',
      ].sort((a, b) => order(a) - order(b)),
    );
  });

  it('refuses values out of their scale, unknown levels and weights that do not add up', () => {
    const problems = candidateSettingsProblems(
      withChanges((s) => {
        s.raise.minNps = 11;
        s.raise.minCsat = 0;
        s.raise.servqualLevels = ['ecstatic' as never];
        s.weights.value = -1;
        s.weights.satisfaction = 90;
        s.fullSurveys = 0;
      }),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        'raise.minNps must be an integer 0–10',
        'raise.minCsat must be an integer 1–5',
        'raise.servqualLevels must name only dissatisfied, satisfied, delighted',
        'weights.value must be ≥ 0',
        'the weights must add up to more than 0 and at most 100',
        'fullSurveys must be > 0',
      ]),
    );
  });
});

// The order candidateSettingsProblems reports in.
function order(problem: string): number {
  return ['keep.minNps', 'keep.minCsat', 'keep.servqualLevels', 'keep.caseWithinDays'].findIndex((p) =>
    problem.startsWith(p),
  );
}
