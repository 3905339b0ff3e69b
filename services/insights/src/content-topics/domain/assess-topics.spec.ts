import { assessTopics, termsToRaise, TopicCounts } from './assess-topics';
import { DEFAULT_CONTENT_TOPIC_SETTINGS } from './content-topic-settings';
import { topicFigures } from './topic-figures';

const settings = DEFAULT_CONTENT_TOPIC_SETTINGS;
const counts = (cases: number, previous: number, howTo = 0): TopicCounts => ({
  current: { cases, howToCases: howTo },
  previous: { cases: previous, howToCases: 0 },
});

describe('assessTopics', () => {
  it('ranks among every issue code of the day, and decides only for the candidates', () => {
    const issues = new Map([
      ['reports.export', counts(12, 4, 12)],
      ['billing.invoice', counts(40, 40)],
      ['account.login', counts(3, 3)],
    ]);
    const assessed = assessTopics(
      [
        { subject: { kind: 'issue_code', value: 'reports.export' } },
        {
          subject: { kind: 'issue_code', value: 'account.login' },
          announced: { status: 'open', volume: 9, score: 30 },
        },
        { subject: { kind: 'issue_code', value: 'shipping.late' } },
      ],
      { issues, terms: new Map(), pool: { current: 0, previous: 0 } },
      settings,
    );
    expect(assessed.map((a) => [a.key, a.rank, a.score.score, a.change])).toEqual([
      ['issue:account.login', 3, 10.5, 'updated'], // open, kept by its rank (3 ≤ 15), 9 → 3 cases
      ['issue:reports.export', 1, 66.9, 'raised'],
      ['issue:shipping.late', null, 0, 'none'],
    ]);
    expect(assessed[1].because).toEqual(['volume 12 ≥ 5', 'growth +200% ≥ +100%', 'rank 1 ≤ 10']);
  });

  it('raises the strongest of overlapping terms only, and keeps the words of open terms', () => {
    const terms = new Map([
      ['bulk import', counts(10, 0)],
      ['bulk', counts(10, 1)],
      ['import', counts(11, 1)],
      ['csv', counts(9, 0)],
      ['invoice', counts(9, 0)],
    ]);
    const assessed = assessTopics(
      ['bulk import', 'bulk', 'import', 'csv', 'invoice'].map((value) => ({
        subject: { kind: 'term' as const, value },
      })),
      { issues: new Map(), terms, pool: { current: 40, previous: 50 } },
      settings,
      ['invoice payment'],
    );
    const raised = assessed.filter((a) => a.change === 'raised').map((a) => a.subject.value);
    // "bulk import" has the highest G² of the bulk/import family; "invoice" shares a word with an open term.
    expect(raised).toEqual(['bulk import', 'csv']);
    expect(assessed.find((a) => a.subject.value === 'bulk')).toMatchObject({ change: 'none', because: [] });
  });

  it('does not depend on the order of the candidates', () => {
    const issues = new Map([
      ['a', counts(6, 0)],
      ['b', counts(8, 2)],
    ]);
    const candidates = [
      { subject: { kind: 'issue_code' as const, value: 'b' } },
      { subject: { kind: 'issue_code' as const, value: 'a' } },
    ];
    const at = { issues, terms: new Map(), pool: { current: 0, previous: 0 } };
    expect(assessTopics(candidates, at, settings)).toEqual(
      assessTopics([...candidates].reverse(), at, settings),
    );
  });
});

describe('termsToRaise', () => {
  const qualifying = (value: string, g2: number, volume: number) => ({
    subject: { kind: 'term' as const, value },
    figures: topicFigures({ cases: volume, howToCases: 0 }, { cases: 0, howToCases: 0 }),
    significance: { test: 'G2' as const, g2, lift: 5, currentRate: 0.2, previousRate: 0.02 },
  });

  it('takes the strongest first (G², volume, the longer term, code-point order) up to maxOpen', () => {
    const raised = termsToRaise(
      [
        qualifying('pdf', 20, 8),
        qualifying('export pdf', 20, 8),
        qualifying('login', 15, 6),
        qualifying('sso', 12, 6),
      ],
      ['refund'],
      3,
    );
    expect([...raised]).toEqual(['export pdf', 'login']);
  });
});
