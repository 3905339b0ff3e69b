import {
  ChurnRiskSettings,
  churnRiskSettingsProblems,
  DEFAULT_CHURN_RISK_SETTINGS as DEFAULTS,
} from './churn-risk-settings';

function withChanges(change: (settings: ChurnRiskSettings) => void): ChurnRiskSettings {
  const settings = structuredClone(DEFAULTS);
  change(settings);
  return settings;
}

describe('churnRiskSettingsProblems', () => {
  it('accepts the defaults', () => {
    expect(churnRiskSettingsProblems(DEFAULTS)).toEqual([]);
  });

  it('accepts the edges of every range', () => {
    const edges = withChanges((s) => {
      s.raiseThreshold = 100;
      s.clearThreshold = 0;
      s.minChange = 100;
      s.topReasons = 1;
      s.windows = { recentDays: 3650, longDays: 3650 };
      s.norms = { resolutionHours: 0.5, longestResolutionMultiple: 1 };
      s.value = { referenceLifetimeValue: 0.01, maxValueFactor: 10 };
      s.weights.perReopen = 0;
      s.weights.negativeTone = 100;
    });
    expect(churnRiskSettingsProblems(edges)).toEqual([]);
  });

  it.each<[string, (s: ChurnRiskSettings) => void, string]>([
    [
      'a raise threshold of 0',
      (s) => ((s.raiseThreshold = 0), (s.clearThreshold = -1)),
      'raiseThreshold must be in (0, 100]',
    ],
    ['a raise threshold above 100', (s) => (s.raiseThreshold = 101), 'raiseThreshold must be in (0, 100]'],
    [
      'a clear threshold equal to the raise threshold (it would flap)',
      (s) => (s.clearThreshold = s.raiseThreshold),
      'clearThreshold must be ≥ 0 and below raiseThreshold',
    ],
    [
      'a negative clear threshold',
      (s) => (s.clearThreshold = -1),
      'clearThreshold must be ≥ 0 and below raiseThreshold',
    ],
    ['no minimum change', (s) => (s.minChange = 0), 'minChange must be in (0, 100]'],
    ['half a reason', (s) => (s.topReasons = 1.5), 'topReasons must be a whole number ≥ 1'],
    [
      'a fractional window (bound as a SQL integer)',
      (s) => (s.windows.recentDays = 7.5),
      'windows.recentDays must be a whole number of days from 1 to 3650',
    ],
    [
      'a window over ten years',
      (s) => (s.windows.longDays = 3651),
      'windows.longDays must be a whole number of days from 1 to 3650',
    ],
    [
      'a recent window longer than the long one',
      (s) => (s.windows = { recentDays: 60, longDays: 30 }),
      'windows.recentDays must be ≤ windows.longDays',
    ],
    ['a zero resolution norm', (s) => (s.norms.resolutionHours = 0), 'norms.resolutionHours must be > 0'],
    [
      'a longest-case multiple below 1',
      (s) => (s.norms.longestResolutionMultiple = 0.5),
      'norms.longestResolutionMultiple must be ≥ 1',
    ],
    [
      'a zero reference value (log of infinity)',
      (s) => (s.value.referenceLifetimeValue = 0),
      'value.referenceLifetimeValue must be > 0',
    ],
    [
      'a value factor above ten times',
      (s) => (s.value.maxValueFactor = 11),
      'value.maxValueFactor must be from 1 to 10',
    ],
    ['a negative weight', (s) => (s.weights.perReopen = -1), 'weights.perReopen must be from 0 to 100'],
    [
      'a weight above 100 points',
      (s) => (s.weights.servqual = 150),
      'weights.servqual must be from 0 to 100',
    ],
    [
      'a zero full SERVQUAL gap (division by zero)',
      (s) => (s.weights.servqualFullGap = 0),
      'weights.servqualFullGap must be > 0',
    ],
  ])('refuses %s', (_name, change, problem) => {
    expect(churnRiskSettingsProblems(withChanges(change))[0]).toBe(problem);
  });

  it('reports every problem at once, each starting with the path of its field', () => {
    const problems = churnRiskSettingsProblems(
      withChanges((s) => {
        s.raiseThreshold = 0;
        s.windows.longDays = 0;
        s.weights.perEscalation = Number.NaN;
      }),
    );
    expect(problems).toEqual([
      'raiseThreshold must be in (0, 100]',
      'clearThreshold must be ≥ 0 and below raiseThreshold',
      'windows.longDays must be a whole number of days from 1 to 3650',
      'windows.recentDays must be ≤ windows.longDays',
      'weights.perEscalation must be from 0 to 100',
    ]);
  });
});
