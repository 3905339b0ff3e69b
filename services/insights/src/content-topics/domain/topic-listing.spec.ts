import { DEFAULT_CONTENT_TOPIC_SETTINGS } from './content-topic-settings';
import { scoreTopic } from './score-topic';
import { topicFigures } from './topic-figures';
import { ListedTopic, listTopics, NEW_TOPIC_GROWTH, resolvePeriod } from './topic-listing';

const clock = new Date('2026-11-10T15:00:00Z');

describe('resolvePeriod', () => {
  it('defaults to the detector window ending with the day of its latest evaluation', () => {
    expect(resolvePeriod({}, clock, 7)).toEqual({
      ok: true,
      pair: {
        current: { first: '2026-11-04', last: '2026-11-10' },
        previous: { first: '2026-10-28', last: '2026-11-03' },
      },
    });
  });

  it('ends a period with the day before `to` rounded up (to exclusive)', () => {
    const midnight = resolvePeriod({ period: '30d', to: '2026-11-10T00:00:00Z' }, clock, 7);
    expect(midnight).toMatchObject({
      ok: true,
      pair: { current: { first: '2026-10-11', last: '2026-11-09' } },
    });
    const afternoon = resolvePeriod({ period: '7d', to: '2026-11-10T00:00:01Z' }, clock, 7);
    expect(afternoon).toMatchObject({ ok: true, pair: { current: { last: '2026-11-10' } } });
  });

  it('takes from/to as whole days, and compares with as many days before', () => {
    expect(resolvePeriod({ from: '2026-11-01T10:00:00Z', to: '2026-11-15T00:00:00Z' }, clock, 7)).toEqual({
      ok: true,
      pair: {
        current: { first: '2026-11-01', last: '2026-11-14' },
        previous: { first: '2026-10-18', last: '2026-10-31' },
      },
    });
  });

  it('names the field of a bad combination', () => {
    expect(resolvePeriod({ period: '7d', from: '2026-11-01T00:00:00Z' }, clock, 7)).toMatchObject({
      ok: false,
      field: 'period',
    });
    expect(
      resolvePeriod({ from: '2026-11-12T00:00:00Z', to: '2026-11-11T00:00:00Z' }, clock, 7),
    ).toMatchObject({
      ok: false,
      field: 'from',
      message: 'from must be earlier than to',
    });
    expect(
      resolvePeriod({ from: '2024-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z' }, clock, 7),
    ).toMatchObject({
      ok: false,
      message: 'the range is longer than 366 days: narrow it',
    });
  });
});

describe('listTopics', () => {
  const topic = (
    key: string,
    cases: number,
    previous: number,
    status: ListedTopic['status'] = null,
  ): ListedTopic => {
    const figures = topicFigures({ cases, howToCases: 0 }, { cases: previous, howToCases: 0 });
    return {
      key,
      subject: {
        kind: key.startsWith('term:') ? 'term' : 'issue_code',
        value: key.slice(key.indexOf(':') + 1),
      },
      figures,
      score: scoreTopic(figures, DEFAULT_CONTENT_TOPIC_SETTINGS.score),
      rank: null,
      significance: null,
      status,
    };
  };
  const topics = [
    topic('issue:a', 10, 10, 'open'),
    topic('issue:b', 30, 10),
    topic('issue:c', 30, 30, 'cleared'),
    topic('term:export', 6, 0, 'open'),
  ];
  const base = { minScore: 0, status: 'all' as const, sort: 'score' as const, limit: 50 };

  it('sorts by the chosen value descending, then by key; new topics first by growth', () => {
    expect(listTopics(topics, base).items.map((t) => t.key)).toEqual([
      'issue:b',
      'term:export',
      'issue:c',
      'issue:a',
    ]);
    expect(listTopics(topics, { ...base, sort: 'volume' }).items.map((t) => t.key)).toEqual([
      'issue:b',
      'issue:c',
      'issue:a',
      'term:export',
    ]);
    const byGrowth = listTopics(topics, { ...base, sort: 'growth' });
    expect(byGrowth.items.map((t) => [t.key, t.figures.growth])).toEqual([
      ['term:export', null],
      ['issue:b', 2],
      ['issue:a', 0],
      ['issue:c', 0],
    ]);
  });

  it('filters by status, kind, issue code and score', () => {
    expect(listTopics(topics, { ...base, status: 'open' }).items.map((t) => t.key)).toEqual([
      'term:export',
      'issue:a',
    ]);
    expect(listTopics(topics, { ...base, kind: 'term' }).items.map((t) => t.key)).toEqual(['term:export']);
    expect(listTopics(topics, { ...base, issueCode: 'c' }).items.map((t) => t.key)).toEqual(['issue:c']);
    expect(listTopics(topics, { ...base, minScore: 40 }).items.map((t) => t.key)).toEqual([
      'issue:b',
      'term:export',
    ]);
  });

  it('pages by keyset: every topic once, in order', () => {
    const first = listTopics(topics, { ...base, sort: 'growth', limit: 3 });
    expect(first.next).toEqual([0, 'issue:a']);
    const second = listTopics(topics, { ...base, sort: 'growth', limit: 3, after: first.next! });
    expect(second).toEqual({ items: [topics[2]], next: null });
    const newFirst = listTopics(topics, { ...base, sort: 'growth', limit: 1 });
    expect(newFirst.next).toEqual([NEW_TOPIC_GROWTH, 'term:export']);
  });
});
