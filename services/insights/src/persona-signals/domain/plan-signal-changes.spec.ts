import { evaluateSegment } from './evaluate-segment';
import { evaluationWindows } from './evaluation-windows';
import { DEFAULT_PERSONA_SIGNAL_SETTINGS, personaSignalSettingsProblems } from './persona-signal-settings';
import { PlannedChange, planSignalChanges, StoredSignalState } from './plan-signal-changes';
import { emptyWindowCounts, WindowCounts } from './segment-counts';

const SETTINGS = DEFAULT_PERSONA_SIGNAL_SETTINGS;
const SEGMENT = { attribute: 'industry', value: 'retail' } as const;
const KEY = 'industry=retail|issue|x';

const window = (issues: Record<string, number>): WindowCounts => ({ ...emptyWindowCounts(), issues });
const REST = { x: 20, w: 90, y: 90 };

/** One evaluation of the segment (its current and previous issue mix; the rest as above). */
function evaluation(current: Record<string, number>, previous: Record<string, number>) {
  const base: Record<string, number> = { ...REST };
  for (const [code, n] of Object.entries(current)) base[code] = (base[code] ?? 0) + n;
  return evaluateSegment(
    { segment: SEGMENT, current: window(current), previous: window(previous) },
    window(base),
    SETTINGS,
  );
}

/** What the detector stores after a change (the parts the planner reads back). */
function stored(change: PlannedChange): StoredSignalState {
  return {
    key: change.key,
    dimension: change.dimension,
    item: change.item,
    status: change.change === 'cleared' ? 'cleared' : 'open',
    support: change.support,
    headline: change.headline,
    direction: change.direction,
    ratio: change.ratio,
    differencePoints: change.differencePoints,
    version: change.sequence,
  };
}

describe('planSignalChanges: the integration scenario, month by month', () => {
  const june = evaluation({ x: 30, w: 35, y: 35 }, { x: 10, w: 45, y: 45 });
  const july = evaluation({ x: 22, w: 39, y: 39 }, { x: 30, w: 35, y: 35 });
  const august = evaluation({ x: 11, w: 45, y: 44 }, { x: 22, w: 39, y: 39 });

  it('June raises the code asked about three times as often, carried by the base and the past', () => {
    const [raised, ...others] = planSignalChanges(june, [], SETTINGS);
    expect(others).toEqual([]);
    expect(raised).toMatchObject({
      key: KEY,
      change: 'raised',
      sequence: 1,
      support: { base: 'higher', past: 'higher' },
      headline: 'base',
      direction: 'higher',
      score: 4.15, // −log₁₀ of the smallest carrying adjusted p: 7.0628e-5
      effectSize: 0.5158,
      ratio: 3,
      differencePoints: 20,
      familySize: 6,
      sentence:
        'retail (industry) asks 3.0× more about x than the rest of the base (30.0% of its cases vs 10.0%), up 200% month on month',
    });
    expect(raised.comparisons.map((c) => [c.against, c.carries])).toEqual([
      ['base', true],
      ['past', true],
    ]);
  });

  it('the same evaluation again changes nothing (a redelivered input emits nothing)', () => {
    const [raised] = planSignalChanges(june, [], SETTINGS);
    expect(planSignalChanges(june, [stored(raised)], SETTINGS)).toEqual([]);
  });

  it('July updates it (the past drops out, the lift falls to 2.2), August clears it', () => {
    const [raised] = planSignalChanges(june, [], SETTINGS);
    const [updated] = planSignalChanges(july, [stored(raised)], SETTINGS);
    expect(updated).toMatchObject({
      change: 'updated',
      sequence: 2,
      support: { base: 'higher' },
      headline: 'base',
      score: 1.55,
      ratio: 2.2,
    });
    expect(updated.comparisons.map((c) => [c.against, c.direction, c.carries])).toEqual([
      ['base', 'higher', true],
      ['past', 'lower', false],
    ]);
    const changes = planSignalChanges(august, [stored(updated)], SETTINGS);
    expect(changes).toEqual([
      expect.objectContaining({
        key: KEY,
        change: 'cleared',
        sequence: 3,
        support: {},
        headline: 'base',
        direction: 'higher',
        score: 0,
        sentence: expect.stringMatching(/^No longer a signal: retail \(industry\) asks 1\.1× more about x/),
      }),
    ]);
  });

  it('clears an open signal the evaluation can no longer test, keeping what it was about', () => {
    const [raised] = planSignalChanges(june, [], SETTINGS);
    const empty = evaluateSegment(
      { segment: SEGMENT, current: emptyWindowCounts(), previous: emptyWindowCounts() },
      window(REST),
      SETTINGS,
    );
    expect(planSignalChanges(empty, [stored(raised)], SETTINGS)).toEqual([
      expect.objectContaining({
        key: KEY,
        dimension: 'issue',
        item: 'x',
        change: 'cleared',
        sequence: 2,
        comparisons: [],
        ratio: 3,
        differencePoints: 20,
        sentence:
          'No longer a signal: retail (industry) has too few cases or answers in the window to compare its issue x',
      }),
    ]);
    // A cleared signal with nothing to test stays as it is.
    const [cleared] = planSignalChanges(empty, [stored(raised)], SETTINGS);
    expect(planSignalChanges(empty, [stored(cleared)], SETTINGS)).toEqual([]);
  });

  it('continues the sequence when a cleared signal is raised again', () => {
    const [raised] = planSignalChanges(june, [], SETTINGS);
    const again = planSignalChanges(
      june,
      [{ ...stored(raised), status: 'cleared', support: {}, version: 3 }],
      SETTINGS,
    );
    expect(again).toEqual([expect.objectContaining({ change: 'raised', sequence: 4 })]);
  });
});

describe('evaluationWindows', () => {
  it('whole UTC days ending with the day of the evaluation, and as many before', () => {
    expect(evaluationWindows(new Date('2051-06-30T12:00:00Z'), 30)).toEqual({
      current: { start: '2051-06-01', end: '2051-07-01' },
      previous: { start: '2051-05-02', end: '2051-06-01' },
    });
    // The first and last instants of a day give the same windows.
    expect(evaluationWindows(new Date('2051-06-30T00:00:00Z'), 7)).toEqual(
      evaluationWindows(new Date('2051-06-30T23:59:59.999Z'), 7),
    );
    expect(evaluationWindows(new Date('2052-03-01T08:00:00Z'), 1)).toEqual({
      current: { start: '2052-03-01', end: '2052-03-02' },
      previous: { start: '2052-02-29', end: '2052-03-01' },
    });
  });
});

describe('personaSignalSettingsProblems', () => {
  it('accepts the defaults', () => {
    expect(personaSignalSettingsProblems(SETTINGS)).toEqual([]);
  });

  it('names each field that makes the detector meaningless or flap', () => {
    const problems = personaSignalSettingsProblems({
      ...SETTINGS,
      windowDays: 0,
      alpha: 0.05,
      keepAlpha: 0.01,
      correction: 'bonferroni' as never,
      confidenceLevel: 1,
      minCases: 2.5,
      keep: { ...SETTINGS.keep, lift: 2 },
      evaluationIntervalSeconds: -1,
    });
    expect(problems).toEqual([
      'windowDays must be a whole number of days from 1 to 366',
      'keepAlpha must be ≥ alpha and < 1',
      'correction must be one of benjamini-hochberg, holm',
      'confidenceLevel must be in [0.5, 1)',
      'minCases must be a whole number ≥ 1',
      'keep.lift must be ≤ raise.lift (an open signal would clear at once)',
      'evaluationIntervalSeconds must be a whole number from 0 to 2678400 (31 days)',
    ]);
  });

  it('refuses effect minimums that mean nothing', () => {
    expect(
      personaSignalSettingsProblems({
        ...SETTINGS,
        raise: { lift: 1, relativeChange: 0, csatPoints: 0, npsPoints: 300 },
        keep: { lift: 1, relativeChange: 0, csatPoints: 0, npsPoints: 300 },
      }),
    ).toEqual([
      'raise.lift must be > 1',
      'raise.relativeChange must be > 0',
      'raise.csatPoints must be in (0, 100]',
      'raise.npsPoints must be in (0, 200]',
      'keep.lift must be > 1',
      'keep.relativeChange must be > 0',
      'keep.csatPoints must be in (0, 100]',
      'keep.npsPoints must be in (0, 200]',
    ]);
  });
});
