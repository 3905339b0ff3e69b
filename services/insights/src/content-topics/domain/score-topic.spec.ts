import { DEFAULT_CONTENT_TOPIC_SETTINGS } from './content-topic-settings';
import { rankTopics, scoreTopic } from './score-topic';
import { topicFigures } from './topic-figures';

const weights = DEFAULT_CONTENT_TOPIC_SETTINGS.score;
const figures = (cases: number, previous: number, howTo = 0) =>
  topicFigures({ cases, howToCases: howTo }, { cases: previous, howToCases: 0 });

describe('scoreTopic', () => {
  it('mixes volume, growth and how-to share (the worked example of its comment)', () => {
    // volume 40 × ln 13 / ln 201 = 19.35; growth 40 × log₂(13/5) / log₂ 4 = 27.57; how-to 20 × 1
    expect(scoreTopic(figures(12, 4, 12), weights)).toEqual({
      score: 66.9,
      parts: { volume: 19.3, growth: 27.6, howTo: 20 },
    });
    // 18 against 4: volume 40 × ln 19 / ln 201 = 22.21, growth 40 × log₂(19/5) / 2 = 38.52, how-to 20
    expect(scoreTopic(figures(18, 4, 18), weights).score).toBe(80.7);
  });

  it('gives a falling topic no growth points and saturates volume and growth', () => {
    expect(scoreTopic(figures(5, 20), weights).parts.growth).toBe(0);
    expect(scoreTopic(figures(1000, 0, 1000), weights)).toEqual({
      score: 100,
      parts: { volume: 40, growth: 40, howTo: 20 },
    });
    expect(scoreTopic(figures(0, 0), weights).score).toBe(0);
  });

  it('normalises the weights, so only their ratio matters', () => {
    const doubled = { ...weights, volumeWeight: 0.8, growthWeight: 0.8, howToWeight: 0.4 };
    expect(scoreTopic(figures(12, 4, 6), doubled)).toEqual(scoreTopic(figures(12, 4, 6), weights));
  });
});

describe('topicFigures', () => {
  it('measures growth against the previous window, null when there was nothing before', () => {
    expect(figures(12, 4, 3)).toMatchObject({ volume: 12, previousVolume: 4, growth: 2, howToShare: 0.25 });
    expect(figures(3, 0).growth).toBeNull();
    expect(figures(0, 3).growth).toBe(-1);
    expect(figures(2, 3).growth).toBe(-0.333);
    expect(figures(0, 0).howToShare).toBe(0);
  });
});

describe('rankTopics', () => {
  it('ranks by score, then volume, then key; topics without cases get no rank', () => {
    const ranks = rankTopics([
      { key: 'b', score: 50, volume: 10 },
      { key: 'a', score: 50, volume: 10 },
      { key: 'c', score: 50, volume: 12 },
      { key: 'd', score: 70, volume: 1 },
      { key: 'e', score: 0, volume: 0 },
    ]);
    expect([...ranks]).toEqual([
      ['d', 1],
      ['c', 2],
      ['a', 3],
      ['b', 4],
    ]);
  });
});
