import { groupsOf, isInTermPool, distinctTerms, WindowCase } from './window-case';
import { windowDeltas, windowRowsOf } from './window-contributions';

const retail = { industry: 'retail', plan: 'pro', region: '', companySize: 42, role: 'admin' };

function aCase(overrides: Partial<WindowCase> = {}): WindowCase {
  return {
    day: '2026-11-02',
    issueCode: 'billing.invoice',
    channel: 'chat',
    groups: groupsOf(retail),
    howTo: false,
    escalated: false,
    reopened: false,
    negativeTone: false,
    inTermPool: false,
    terms: [],
    ...overrides,
  };
}

describe('the window groups of a case', () => {
  it('are none/all, each non-empty string segment attribute, then each listed pair, in a fixed order', () => {
    expect(groupsOf(retail)).toEqual([
      { kind: 'none', value: 'all' },
      { kind: 'segment.industry', value: 'retail' },
      { kind: 'segment.plan', value: 'pro' },
      { kind: 'segment.role', value: 'admin' },
      { kind: 'segment.industry+role', value: '["retail","admin"]' },
    ]);
    expect(groupsOf(undefined)).toEqual([{ kind: 'none', value: 'all' }]);
    expect(groupsOf('retail')).toEqual([{ kind: 'none', value: 'all' }]);
  });
});

describe('the term pool', () => {
  it('holds unclassified and low-confidence cases, never an agent-coded one', () => {
    expect(isInTermPool({ issueCode: 'unclassified', method: 'unclassified', confidence: 0.3 })).toBe(true);
    expect(isInTermPool({ issueCode: 'billing.invoice', method: 'model', confidence: 0.59 })).toBe(true);
    expect(isInTermPool({ issueCode: 'billing.invoice', method: 'model', confidence: 0.6 })).toBe(false);
    expect(isInTermPool({ issueCode: 'billing.invoice', method: 'rules', confidence: 0.2 })).toBe(true);
    expect(isInTermPool({ issueCode: 'billing.invoice', method: 'agent', confidence: 0 })).toBe(false);
  });

  it('counts each term of a case once, and no null or non-string term', () => {
    expect(distinctTerms(['export', 'pdf', 'export', '', 3, 'export pdf'])).toEqual([
      'export',
      'pdf',
      'export pdf',
    ]);
    expect(distinctTerms(null)).toEqual([]);
  });
});

describe('windowRowsOf', () => {
  it('adds one case_daily and group_daily row per group, with the flags as counts', () => {
    const rows = windowRowsOf(aCase({ howTo: true, escalated: true, negativeTone: true }));
    expect(rows.caseDaily).toHaveLength(5);
    expect(rows.caseDaily[1]).toEqual({
      groupKind: 'segment.industry',
      groupValue: 'retail',
      issueCode: 'billing.invoice',
      channel: 'chat',
      day: '2026-11-02',
      cases: 1,
      howToCases: 1,
      escalatedCases: 1,
      reopenedCases: 0,
      negativeToneCases: 1,
    });
    expect(rows.groupDaily[0]).toEqual({
      groupKind: 'none',
      groupValue: 'all',
      day: '2026-11-02',
      cases: 1,
      howToCases: 1,
      poolCases: 0,
    });
    expect(rows.termDaily).toEqual([]);
  });

  it('counts the terms of a term-pool case only', () => {
    const pooled = windowRowsOf(aCase({ inTermPool: true, terms: ['export', 'pdf'] }));
    expect(pooled.termDaily).toEqual([
      { term: 'export', day: '2026-11-02', cases: 1, howToCases: 0 },
      { term: 'pdf', day: '2026-11-02', cases: 1, howToCases: 0 },
    ]);
    expect(pooled.groupDaily.every((row) => row.poolCases === 1)).toBe(true);
    expect(windowRowsOf(aCase({ terms: ['export'] })).termDaily).toEqual([]);
  });
});

describe('windowDeltas', () => {
  it('adds a new case', () => {
    const deltas = windowDeltas([{ before: null, after: aCase() }]);
    expect(deltas.caseDaily.map((r) => [r.groupKind, r.cases])).toEqual([
      ['none', 1],
      ['segment.industry', 1],
      ['segment.industry+role', 1],
      ['segment.plan', 1],
      ['segment.role', 1],
    ]);
    expect(deltas.groupDaily).toHaveLength(5);
  });

  it('adds nothing for a version the windows count the same (a status change, a redelivery)', () => {
    const c = aCase({ inTermPool: true, terms: ['export'] });
    expect(windowDeltas([{ before: c, after: { ...c } }])).toEqual({
      caseDaily: [],
      termDaily: [],
      groupDaily: [],
    });
  });

  it('moves a reclassified case from its old code to its new one, and out of the term pool', () => {
    const before = aCase({ issueCode: 'unclassified', inTermPool: true, terms: ['export', 'pdf'] });
    const after = aCase({ issueCode: 'reports.export', howTo: true });
    const deltas = windowDeltas([{ before, after }]);
    const none = deltas.caseDaily.filter((r) => r.groupKind === 'none');
    expect(none.map((r) => [r.issueCode, r.cases, r.howToCases])).toEqual([
      ['reports.export', 1, 1],
      ['unclassified', -1, 0],
    ]);
    expect(deltas.termDaily).toEqual([
      { term: 'export', day: '2026-11-02', cases: -1, howToCases: 0 },
      { term: 'pdf', day: '2026-11-02', cases: -1, howToCases: 0 },
    ]);
    // Still one case in each group that day: only the how-to and pool counts move.
    expect(deltas.groupDaily[0]).toEqual({
      groupKind: 'none',
      groupValue: 'all',
      day: '2026-11-02',
      cases: 0,
      howToCases: 1,
      poolCases: -1,
    });
  });

  it('nets several changes of one batch per row, leaving out rows that net to zero', () => {
    const a = aCase({ escalated: true });
    const b = aCase({ channel: 'email' });
    const deltas = windowDeltas([
      { before: null, after: a },
      { before: null, after: b },
      { before: a, after: { ...a, escalated: false, reopened: true } },
    ]);
    const none = deltas.caseDaily.filter((r) => r.groupKind === 'none');
    expect(none.map((r) => [r.channel, r.cases, r.escalatedCases, r.reopenedCases])).toEqual([
      ['chat', 1, 0, 1],
      ['email', 1, 0, 0],
    ]);
    expect(deltas.groupDaily.find((r) => r.groupKind === 'none')?.cases).toBe(2);
  });

  it('moves a case whose opening day was corrected, and sorts rows by key', () => {
    const deltas = windowDeltas([
      { before: aCase({ day: '2026-11-03' }), after: aCase({ day: '2026-11-01' }) },
    ]);
    const none = deltas.caseDaily.filter((r) => r.groupKind === 'none');
    expect(none.map((r) => [r.day, r.cases])).toEqual([
      ['2026-11-01', 1],
      ['2026-11-03', -1],
    ]);
  });

  it('sorts by each key part in turn, so a value that is a prefix of another comes first', () => {
    const groups = [
      { kind: 'segment.industry', value: 'retail-x' },
      { kind: 'segment.industry', value: 'retail' },
    ];
    const deltas = windowDeltas([
      { before: null, after: aCase({ groups: groups.slice(0, 1), issueCode: 'a.code' }) },
      { before: null, after: aCase({ groups: groups.slice(1), issueCode: 'z.code' }) },
      { before: null, after: aCase({ groups: groups.slice(1), issueCode: 'a.code' }) },
    ]);
    expect(deltas.caseDaily.map((r) => [r.groupValue, r.issueCode])).toEqual([
      ['retail', 'a.code'],
      ['retail', 'z.code'],
      ['retail-x', 'a.code'],
    ]);
    expect(deltas.groupDaily.map((r) => [r.groupValue, r.cases])).toEqual([
      ['retail', 2],
      ['retail-x', 1],
    ]);
  });
});
