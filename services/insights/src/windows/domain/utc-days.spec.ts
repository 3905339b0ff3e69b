import { dayNumber, parseDay, rangeDays, utcDay, windowPairEndingOn, windowsEndingAt } from './utc-days';

describe('UTC days', () => {
  it('takes the UTC day of an instant, whatever its offset', () => {
    expect(utcDay('2026-11-02T23:30:00-02:00')).toBe('2026-11-03');
    expect(utcDay(new Date('2026-11-02T00:00:00Z'))).toBe('2026-11-02');
    expect(parseDay('2026-11-02')).toBe(dayNumber('2026-11-02T12:00:00Z'));
  });

  it('ends a window with the day of the evaluation, and puts the previous window right before it', () => {
    expect(windowsEndingAt('2026-11-10T15:00:00Z', 7)).toEqual({
      current: { first: '2026-11-04', last: '2026-11-10' },
      previous: { first: '2026-10-28', last: '2026-11-03' },
    });
    expect(windowsEndingAt('2026-03-01T00:00:00Z', 1)).toEqual({
      current: { first: '2026-03-01', last: '2026-03-01' },
      previous: { first: '2026-02-28', last: '2026-02-28' },
    });
    expect(rangeDays(windowPairEndingOn(dayNumber('2026-11-10T00:00:00Z'), 30).previous)).toBe(30);
  });

  it('refuses a window that is not a whole number of days', () => {
    expect(() => windowPairEndingOn(0, 0)).toThrow(/whole number of days/);
    expect(() => windowPairEndingOn(0, 1.5)).toThrow(/whole number of days/);
    expect(() => utcDay('not a date')).toThrow(/not an instant/);
  });
});
