import { isSatisfactionLevel, levelDirection, scoreDirection, trendOf } from './trend';

describe('scoreDirection', () => {
  it('compares the last answer with the previous one, higher being better', () => {
    expect(scoreDirection(4, 2)).toBe('up');
    expect(scoreDirection(2, 5)).toBe('down');
    expect(scoreDirection(3, 3)).toBe('flat');
    // NPS 0 is an answer, not a missing one.
    expect(scoreDirection(0, 0)).toBe('flat');
    expect(scoreDirection(1, 0)).toBe('up');
  });

  it('has no direction with a single answer', () => {
    expect(scoreDirection(5, null)).toBeNull();
  });
});

describe('levelDirection', () => {
  it('orders the SERVQUAL levels dissatisfied < satisfied < delighted', () => {
    expect(levelDirection('satisfied', 'dissatisfied')).toBe('up');
    expect(levelDirection('delighted', 'dissatisfied')).toBe('up');
    expect(levelDirection('satisfied', 'delighted')).toBe('down');
    expect(levelDirection('dissatisfied', 'dissatisfied')).toBe('flat');
    expect(levelDirection('delighted', null)).toBeNull();
  });

  it('recognises only the three levels', () => {
    expect(isSatisfactionLevel('delighted')).toBe(true);
    expect(isSatisfactionLevel('happy')).toBe(false);
    expect(isSatisfactionLevel('toString')).toBe(false);
    expect(isSatisfactionLevel(null)).toBe(false);
  });
});

describe('trendOf', () => {
  const last = { value: 2, at: '2033-04-11T12:00:00.000Z' };
  const previous = { value: 5, at: '2033-03-22T12:00:00.000Z' };

  it('keeps both answers with their times and the direction between them', () => {
    expect(trendOf(last, previous, scoreDirection)).toEqual({
      last: 2,
      lastAt: '2033-04-11T12:00:00.000Z',
      previous: 5,
      previousAt: '2033-03-22T12:00:00.000Z',
      direction: 'down',
    });
  });

  it('is a trend without direction after one answer, and nothing before any', () => {
    expect(trendOf(last, null, scoreDirection)).toEqual({
      last: 2,
      lastAt: last.at,
      previous: null,
      previousAt: null,
      direction: null,
    });
    expect(trendOf(null, null, scoreDirection)).toBeNull();
  });
});
