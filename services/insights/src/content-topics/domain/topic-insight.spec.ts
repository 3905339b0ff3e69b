import { ContentTopicInsight, validateContract } from '@supportlens/contracts';
import { assessTopics } from './assess-topics';
import { DEFAULT_CONTENT_TOPIC_SETTINGS } from './content-topic-settings';
import { topicInsight } from './topic-insight';

const settings = DEFAULT_CONTENT_TOPIC_SETTINGS;
const window = { first: '2026-11-04', last: '2026-11-10' };
const previousWindow = { first: '2026-10-28', last: '2026-11-03' };
const at = new Date('2026-11-10T15:00:00.000Z');

describe('topicInsight', () => {
  it('announces a raised issue code with its evidence, valid against the contract', () => {
    const [assessment] = assessTopics(
      [{ subject: { kind: 'issue_code', value: 'reports.export' } }],
      {
        issues: new Map([
          [
            'reports.export',
            {
              current: {
                cases: 12,
                howToCases: 12,
                escalatedCases: 1,
                reopenedCases: 0,
                negativeToneCases: 2,
              },
              previous: {
                cases: 4,
                howToCases: 4,
                escalatedCases: 0,
                reopenedCases: 0,
                negativeToneCases: 0,
              },
            },
          ],
        ]),
        terms: new Map(),
        pool: { current: 0, previous: 0 },
      },
      settings,
    );
    const event = topicInsight(
      {
        assessment,
        evidence: {
          topSegments: [{ attribute: 'industry', value: 'retail', cases: 12, share: 1, lift: 1.5 }],
          channels: [{ channel: 'chat', cases: 12 }],
          examples: ['How do I export the report to PDF? Write to [email]'],
          issueKind: 'how_to',
        },
        window,
        previousWindow,
        at,
        sequence: 1,
        settingsVersion: 4,
      },
      settings,
    );
    expect(event).toEqual({
      key: 'issue:reports.export',
      kind: 'issue_code',
      issueCode: 'reports.export',
      change: 'raised',
      because: ['volume 12 ≥ 5', 'growth +200% ≥ +100%', 'rank 1 ≤ 10'],
      score: 66.9,
      scoreParts: { volume: 19.3, growth: 27.6, howTo: 20 },
      rank: 1,
      window: { from: '2026-11-04', to: '2026-11-10', days: 7 },
      previousWindow: { from: '2026-10-28', to: '2026-11-03', days: 7 },
      volume: 12,
      previousVolume: 4,
      growth: 2,
      howToCases: 12,
      howToShare: 1,
      escalatedCases: 1,
      reopenedCases: 0,
      negativeToneCases: 2,
      issueKind: 'how_to',
      suggestedContentKind: 'how_to',
      contentKindReason: 'how-to questions: 100% of the cases ask how to do something',
      topSegments: [{ attribute: 'industry', value: 'retail', cases: 12, share: 1, lift: 1.5 }],
      channels: [{ channel: 'chat', cases: 12 }],
      examples: ['How do I export the report to PDF? Write to [email]'],
      settingsVersion: 4,
      at: '2026-11-10T15:00:00.000Z',
      sequence: 1,
    });
    expect(validateContract(ContentTopicInsight, event)).toMatchObject({ valid: true });
  });

  it('announces an emerging term without growth, rank or issue kind (absent, not null)', () => {
    const [assessment] = assessTopics(
      [{ subject: { kind: 'term', value: 'bulk import' } }],
      {
        issues: new Map(),
        terms: new Map([
          ['bulk import', { current: { cases: 6, howToCases: 0 }, previous: { cases: 0, howToCases: 0 } }],
        ]),
        pool: { current: 6, previous: 0 },
      },
      settings,
    );
    const event = topicInsight(
      {
        assessment,
        evidence: { topSegments: [], channels: [], examples: ['bulk import fails'], issueKind: null },
        window,
        previousWindow,
        at,
        sequence: 3,
        settingsVersion: 0,
      },
      settings,
    );
    expect(event).toMatchObject({
      key: 'term:bulk import',
      kind: 'term',
      term: 'bulk import',
      change: 'raised',
      significance: { test: 'G2', g2: 25.1, lift: 50, currentRate: 1, previousRate: 0.02 },
      suggestedContentKind: 'faq',
    });
    for (const absent of ['growth', 'rank', 'issueKind', 'issueCode', 'escalatedCases']) {
      expect(event).not.toHaveProperty(absent);
    }
    expect(validateContract(ContentTopicInsight, event)).toMatchObject({ valid: true });
  });

  it('refuses to announce no change', () => {
    const [assessment] = assessTopics(
      [{ subject: { kind: 'issue_code', value: 'quiet' } }],
      { issues: new Map(), terms: new Map(), pool: { current: 0, previous: 0 } },
      settings,
    );
    expect(() =>
      topicInsight(
        {
          assessment,
          evidence: { topSegments: [], channels: [], examples: [], issueKind: null },
          window,
          previousWindow,
          at,
          sequence: 1,
          settingsVersion: 0,
        },
        settings,
      ),
    ).toThrow(/no change/);
  });
});
