import { DEFAULT_CONTENT_TOPIC_SETTINGS } from './content-topic-settings';
import { termSignificance } from './term-significance';
import { topicFigures } from './topic-figures';
import { AnnouncedTopic, TopicReading, topicTransition } from './topic-transition';

const settings = DEFAULT_CONTENT_TOPIC_SETTINGS; // raise 5 & (+100% or new or top 10); keep 3 & (+25% or top 15)

function issue(volume: number, previous: number, rank: number | null, score = 50): TopicReading {
  return {
    kind: 'issue_code',
    figures: topicFigures({ cases: volume, howToCases: 0 }, { cases: previous, howToCases: 0 }),
    score,
    rank,
    significance: null,
  };
}

function term(volume: number, pool: number, previous: number, previousPool: number): TopicReading {
  return {
    kind: 'term',
    figures: topicFigures({ cases: volume, howToCases: 0 }, { cases: previous, howToCases: 0 }),
    score: 40,
    rank: null,
    significance: termSignificance(
      { termCases: volume, poolCases: pool, previousTermCases: previous, previousPoolCases: previousPool },
      settings.terms,
    ),
  };
}

const open = (volume: number, score = 50): AnnouncedTopic => ({ status: 'open', volume, score });

describe('topicTransition of an issue code', () => {
  it('raises a topic that doubles with enough volume, saying why', () => {
    expect(topicTransition(undefined, issue(12, 4, 20), settings)).toEqual({
      change: 'raised',
      because: ['volume 12 ≥ 5', 'growth +200% ≥ +100%'],
    });
  });

  it('raises a new topic, and a steady top-ranked one', () => {
    expect(topicTransition(undefined, issue(6, 0, 30), settings).because).toEqual([
      'volume 6 ≥ 5',
      'new: no cases in the previous window',
    ]);
    expect(topicTransition(undefined, issue(40, 40, 3), settings).because).toEqual([
      'volume 40 ≥ 5',
      'rank 3 ≤ 10',
    ]);
  });

  it('raises nothing below the volume, nor a steady topic outside the top', () => {
    expect(topicTransition(undefined, issue(4, 1, 1), settings).change).toBe('none');
    expect(topicTransition(undefined, issue(40, 30, 11), settings).change).toBe('none');
    // A cleared topic is raised again only by the raise thresholds.
    expect(
      topicTransition({ status: 'cleared', volume: 0, score: 0 }, issue(8, 5, 12), settings).change,
    ).toBe('none');
  });

  it('keeps an open topic between the clear and the raise thresholds (hysteresis)', () => {
    // +50%: below the raise growth, above the keep growth; rank 12: outside the top 10, inside the top 15.
    expect(topicTransition(open(12), issue(12, 8, 30), settings).change).toBe('none');
    expect(topicTransition(open(12), issue(12, 12, 12), settings).change).toBe('none');
    expect(topicTransition(open(4), issue(4, 3, 40), settings).change).toBe('none'); // too few to raise, enough to keep
  });

  it('clears an open topic that falls back, saying why', () => {
    expect(topicTransition(open(12), issue(2, 12, 40), settings)).toEqual({
      change: 'cleared',
      because: ['volume 2 < 3'],
    });
    expect(topicTransition(open(12), issue(12, 11, 16), settings)).toEqual({
      change: 'cleared',
      because: ['growth +9% < +25%', 'rank 16 > 15'],
    });
  });

  it('updates an open topic when its volume or score moves materially', () => {
    expect(topicTransition(open(12, 66.9), issue(18, 4, 1, 80.7), settings)).toEqual({
      change: 'updated',
      because: ['volume 12 → 18', 'score 66.9 → 80.7'],
    });
    // 40 announced: a move must reach max(3, 25 % × 40) = 10 cases.
    expect(topicTransition(open(40, 60), issue(49, 20, 1, 65), settings).change).toBe('none');
    expect(topicTransition(open(40, 60), issue(30, 10, 1, 60), settings).because).toEqual(['volume 40 → 30']);
    expect(topicTransition(open(12, 50), issue(13, 4, 1, 61), settings).because).toEqual(['score 50 → 61']);
  });
});

describe('topicTransition of a term', () => {
  it('raises an emerging term: enough volume, a lift and a significant G²', () => {
    expect(topicTransition(undefined, term(10, 40, 1, 50), settings)).toEqual({
      change: 'raised',
      because: [
        'volume 10 ≥ 5',
        "rate among unclassified and low-confidence cases 12.5× the previous window's (≥ 2×)",
        'G² 14.55 ≥ 10.83',
      ],
    });
  });

  it('does not raise a term that only follows the pool, or is too rare', () => {
    expect(topicTransition(undefined, term(6, 40, 5, 50), settings).change).toBe('none');
    expect(topicTransition(undefined, term(4, 4, 0, 50), settings).change).toBe('none');
  });

  it('clears an open term whose rate fell back or whose volume is gone', () => {
    expect(topicTransition(open(6, 40), term(6, 40, 5, 50), settings).change).toBe('none'); // lift 1.94 ≥ 1.25
    expect(topicTransition(open(10), term(6, 60, 10, 50), settings).because).toEqual([
      "rate 0.67× the previous window's < 1.25×", // 6/60 against 10.4/70
    ]);
    expect(topicTransition(open(10), term(2, 60, 10, 50), settings).because).toEqual(['volume 2 < 3']);
  });
});
