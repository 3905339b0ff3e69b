import { digestPeriod } from './digest-period';

const iso = (date: Date) => date.toISOString().slice(0, 10);

describe('digestPeriod', () => {
  it('finds the ISO week (Monday first) of a day and the week before', () => {
    const period = digestPeriod('week', new Date('2026-11-23T18:00:00Z')); // a Monday
    expect(period.label).toBe('2026-W48');
    expect([iso(period.from), iso(period.to)]).toEqual(['2026-11-23', '2026-11-30']);
    expect([iso(period.previousFrom), iso(period.previousTo)]).toEqual(['2026-11-16', '2026-11-23']);
    expect(digestPeriod('week', new Date('2026-11-29T23:59:59Z')).label).toBe('2026-W48'); // its Sunday
  });

  it('labels weeks across a year end by the ISO year of their Thursday', () => {
    expect(digestPeriod('week', new Date('2027-01-01T00:00:00Z')).label).toBe('2026-W53');
    expect(digestPeriod('week', new Date('2025-12-29T00:00:00Z')).label).toBe('2026-W01');
    expect(digestPeriod('week', new Date('2021-01-03T00:00:00Z')).label).toBe('2020-W53');
  });

  it('finds the calendar month and the month before, across a year end', () => {
    const period = digestPeriod('month', new Date('2026-01-15T12:00:00Z'));
    expect(period.label).toBe('2026-01');
    expect([iso(period.from), iso(period.to)]).toEqual(['2026-01-01', '2026-02-01']);
    expect([iso(period.previousFrom), iso(period.previousTo)]).toEqual(['2025-12-01', '2026-01-01']);
  });
});
