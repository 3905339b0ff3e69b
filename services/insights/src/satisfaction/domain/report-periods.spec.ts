import { reportDays, reportPeriods } from './report-periods';

const at = (iso: string) => new Date(iso);

describe('reportPeriods', () => {
  it('splits by UTC day, each compared with the day before', () => {
    expect(reportPeriods(at('2031-03-03T00:00:00Z'), at('2031-03-05T00:00:00Z'), 'day')).toEqual([
      {
        key: '2031-03-03',
        window: { start: '2031-03-03', end: '2031-03-04' },
        previous: { start: '2031-03-02', end: '2031-03-03' },
      },
      {
        key: '2031-03-04',
        window: { start: '2031-03-04', end: '2031-03-05' },
        previous: { start: '2031-03-03', end: '2031-03-04' },
      },
    ]);
  });

  it('widens the range to whole UTC days, whatever the offset', () => {
    // 2031-03-03T23:30-02:00 is 2031-03-04T01:30Z; 2031-03-05T00:00:01Z needs the whole 5th.
    const periods = reportPeriods(at('2031-03-03T23:30:00-02:00'), at('2031-03-05T00:00:01Z'), 'day');
    expect(periods.map((p) => p.key)).toEqual(['2031-03-04', '2031-03-05']);
    expect(reportDays(at('2031-03-03T23:30:00-02:00'), at('2031-03-05T00:00:01Z'))).toBe(2);
  });

  it('uses ISO weeks starting on Monday, cut at the range edges, each compared with as many days before', () => {
    // 2031-03-05 is a Wednesday; 2031-03-10 and 2031-03-17 are Mondays.
    const periods = reportPeriods(at('2031-03-05T00:00:00Z'), at('2031-03-20T00:00:00Z'), 'week');
    expect(periods).toEqual([
      {
        key: '2031-W10',
        window: { start: '2031-03-05', end: '2031-03-10' },
        previous: { start: '2031-02-28', end: '2031-03-05' },
      },
      {
        key: '2031-W11',
        window: { start: '2031-03-10', end: '2031-03-17' },
        previous: { start: '2031-03-03', end: '2031-03-10' },
      },
      {
        key: '2031-W12',
        window: { start: '2031-03-17', end: '2031-03-20' },
        previous: { start: '2031-03-14', end: '2031-03-17' },
      },
    ]);
  });

  it('labels weeks with the ISO week-numbering year', () => {
    // 2026-12-31 (Thursday) and 2027-01-01 are in 2026-W53; 2024-12-30 (Monday) is in 2025-W01.
    const key = (day: string) => reportPeriods(at(`${day}T00:00:00Z`), at(`${day}T12:00:00Z`), 'week')[0].key;
    expect(key('2026-12-31')).toBe('2026-W53');
    expect(key('2027-01-01')).toBe('2026-W53');
    expect(key('2027-01-04')).toBe('2027-W01');
    expect(key('2024-12-30')).toBe('2025-W01');
    expect(key('2031-03-09')).toBe('2031-W10'); // a Sunday ends its week
  });

  it('uses calendar months, each compared with the same number of days right before it', () => {
    const periods = reportPeriods(at('2031-02-01T00:00:00Z'), at('2031-04-01T00:00:00Z'), 'month');
    expect(periods).toEqual([
      {
        key: '2031-02',
        window: { start: '2031-02-01', end: '2031-03-01' },
        previous: { start: '2031-01-04', end: '2031-02-01' }, // 28 days
      },
      {
        key: '2031-03',
        window: { start: '2031-03-01', end: '2031-04-01' },
        previous: { start: '2031-01-29', end: '2031-03-01' }, // 31 days
      },
    ]);
  });
});
