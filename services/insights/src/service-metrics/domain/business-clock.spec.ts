import fc from 'fast-check';
import { BusinessCalendar, DEFAULT_BUSINESS_CALENDAR, OpeningHours } from './business-calendar';
import { BusinessClock, businessSeconds, MAX_CLOCK_SPAN_MS, openIntervals } from './business-clock';

const HOUR = 3600;
const at = (iso: string) => new Date(iso);
const between = (from: string, to: string, calendar: BusinessCalendar = DEFAULT_BUSINESS_CALENDAR) =>
  businessSeconds(at(from), at(to), calendar);

function everyDay(hours: OpeningHours[], timeZone = 'UTC', holidays: string[] = []): BusinessCalendar {
  return {
    timeZone,
    holidays,
    weeklyHours: {
      monday: hours,
      tuesday: hours,
      wednesday: hours,
      thursday: hours,
      friday: hours,
      saturday: hours,
      sunday: hours,
    },
  };
}

const weekdays = (hours: OpeningHours[], timeZone: string, holidays: string[] = []): BusinessCalendar => ({
  ...everyDay(hours, timeZone, holidays),
  weeklyHours: { ...everyDay(hours).weeklyHours, saturday: [], sunday: [] },
});

describe('businessSeconds with the default calendar (Monday–Friday 09:00–17:00 UTC)', () => {
  // 2026-11-02 is a Monday.
  it('counts the open time of one day', () => {
    expect(between('2026-11-02T10:00:00Z', '2026-11-02T12:30:00Z')).toBe(2.5 * HOUR);
  });

  it('starts counting at opening time and stops at closing time', () => {
    expect(between('2026-11-02T07:00:00Z', '2026-11-02T10:00:00Z')).toBe(1 * HOUR);
    expect(between('2026-11-02T16:00:00Z', '2026-11-02T20:00:00Z')).toBe(1 * HOUR);
    expect(between('2026-11-02T06:00:00Z', '2026-11-02T23:00:00Z')).toBe(8 * HOUR);
  });

  it('skips the night: Monday 16:00 to Tuesday 10:00 is two business hours', () => {
    expect(between('2026-11-02T16:00:00Z', '2026-11-03T10:00:00Z')).toBe(2 * HOUR);
  });

  it('skips the weekend: Friday 16:00 to Monday 10:00 is two business hours (66 calendar hours)', () => {
    expect(between('2026-11-06T16:00:00Z', '2026-11-09T10:00:00Z')).toBe(2 * HOUR);
  });

  it('counts nothing for a span inside a weekend or a night', () => {
    expect(between('2026-11-07T10:00:00Z', '2026-11-08T18:00:00Z')).toBe(0);
    expect(between('2026-11-02T18:00:00Z', '2026-11-03T08:59:59Z')).toBe(0);
  });

  it('counts whole weeks as 40 hours', () => {
    expect(between('2026-11-02T00:00:00Z', '2026-11-16T00:00:00Z')).toBe(80 * HOUR);
  });

  it('gives 0 when from == to, and the negative when to is before from', () => {
    expect(between('2026-11-02T10:00:00Z', '2026-11-02T10:00:00Z')).toBe(0);
    expect(between('2026-11-03T10:00:00Z', '2026-11-02T16:00:00Z')).toBe(-2 * HOUR);
  });

  it('keeps fractions of a second', () => {
    expect(between('2026-11-02T10:00:00.000Z', '2026-11-02T10:00:01.250Z')).toBe(1.25);
  });
});

describe('businessSeconds with holidays', () => {
  const christmas = { ...DEFAULT_BUSINESS_CALENDAR, holidays: ['2026-12-24', '2026-12-25'] };

  it('skips a holiday like a closed day: Wednesday 16:00 to Monday 10:00 across Thursday and Friday off', () => {
    expect(between('2026-12-23T16:00:00Z', '2026-12-28T10:00:00Z', christmas)).toBe(2 * HOUR);
    expect(between('2026-12-23T16:00:00Z', '2026-12-28T10:00:00Z')).toBe(18 * HOUR);
  });

  it('reads holidays as local dates of the calendar’s zone', () => {
    // 2026-12-24 in Tokyo is 2026-12-23T15:00Z to 2026-12-24T15:00Z: 09:00–17:00 JST is 00:00–08:00 UTC.
    const tokyo = weekdays([{ from: '09:00', to: '17:00' }], 'Asia/Tokyo', ['2026-12-24']);
    expect(between('2026-12-24T00:00:00Z', '2026-12-24T08:00:00Z', tokyo)).toBe(0);
    expect(between('2026-12-23T00:00:00Z', '2026-12-23T08:00:00Z', tokyo)).toBe(8 * HOUR);
  });

  it('lets an overnight stretch that started the evening before a holiday run to its end', () => {
    const nights = everyDay([{ from: '22:00', to: '06:00' }], 'UTC', ['2026-11-03']);
    // Monday 22:00–Tuesday 06:00 is Monday's stretch; Tuesday's (22:00–Wednesday 06:00) is off.
    expect(between('2026-11-02T20:00:00Z', '2026-11-04T08:00:00Z', nights)).toBe(8 * HOUR);
  });
});

describe('businessSeconds in a zone with daylight saving time (Europe/Berlin, 09:00–17:00 local)', () => {
  const berlin = weekdays([{ from: '09:00', to: '17:00' }], 'Europe/Berlin');

  it('reads opening hours in local time: 09:00 CET is 08:00 UTC, 09:00 CEST is 07:00 UTC', () => {
    expect(between('2026-03-27T08:00:00Z', '2026-03-27T16:00:00Z', berlin)).toBe(8 * HOUR); // Friday, CET
    expect(between('2026-03-30T07:00:00Z', '2026-03-30T15:00:00Z', berlin)).toBe(8 * HOUR); // Monday, CEST
    expect(between('2026-03-30T06:00:00Z', '2026-03-30T07:00:00Z', berlin)).toBe(0);
  });

  it('counts Friday 16:00 CET to Monday 10:00 CEST as two business hours over the spring-forward weekend', () => {
    // 65 real hours, 66 on the wall clock: the night of 29 March is an hour short.
    expect(between('2026-03-27T15:00:00Z', '2026-03-30T08:00:00Z', berlin)).toBe(2 * HOUR);
  });

  it('counts a desk open round the clock as real elapsed time across both changes of offset', () => {
    const always = everyDay([{ from: '00:00', to: '24:00' }], 'Europe/Berlin');
    // Saturday noon to Sunday noon local: 23 real hours in March, 25 in October.
    expect(between('2026-03-28T11:00:00Z', '2026-03-29T10:00:00Z', always)).toBe(23 * HOUR);
    expect(between('2026-10-24T10:00:00Z', '2026-10-25T11:00:00Z', always)).toBe(25 * HOUR);
    expect(openIntervals(at('2026-03-20T00:00:00Z'), at('2026-04-10T00:00:00Z'), always)).toHaveLength(1);
  });

  it('counts a night shift over the fall-back night as the nine hours it really lasts', () => {
    const nights = everyDay([{ from: '22:00', to: '06:00' }], 'Europe/Berlin');
    // Saturday 24 Oct 22:00 CEST (20:00Z) to Sunday 06:00 CET (05:00Z).
    expect(between('2026-10-24T18:00:00Z', '2026-10-25T07:00:00Z', nights)).toBe(9 * HOUR);
  });

  it('moves opening hours that fall in the skipped hour forward, and takes the first of a repeated hour', () => {
    const odd = everyDay([{ from: '02:30', to: '03:30' }], 'Europe/Berlin');
    // 29 March: 02:30 does not exist and reads as 03:30 CEST (01:30Z) — the stretch is empty that day.
    expect(between('2026-03-29T00:00:00Z', '2026-03-29T12:00:00Z', odd)).toBe(0);
    // 25 October: 02:30 happens twice; the stretch opens at the first (00:30Z) and closes at 03:30 CET
    // (02:30Z): two real hours.
    expect(between('2026-10-25T00:00:00Z', '2026-10-25T12:00:00Z', odd)).toBe(2 * HOUR);
  });
});

describe('businessSeconds with other shapes of opening hours', () => {
  it('splits a day into stretches (a lunch break counts nothing)', () => {
    const split = weekdays(
      [
        { from: '09:00', to: '12:00' },
        { from: '13:00', to: '17:00' },
      ],
      'UTC',
    );
    expect(between('2026-11-02T11:00:00Z', '2026-11-02T14:00:00Z', split)).toBe(2 * HOUR);
  });

  it('runs an overnight stretch into the next day, and Sunday’s into Monday', () => {
    const calendar: BusinessCalendar = {
      ...DEFAULT_BUSINESS_CALENDAR,
      weeklyHours: { ...DEFAULT_BUSINESS_CALENDAR.weeklyHours, sunday: [{ from: '20:00', to: '02:00' }] },
    };
    // Sunday 8 Nov 20:00 to Monday 9 Nov 02:00 (6 h), then Monday 09:00–10:00 (1 h).
    expect(between('2026-11-08T12:00:00Z', '2026-11-09T10:00:00Z', calendar)).toBe(7 * HOUR);
  });

  it('equals calendar time for a desk open round the clock in UTC', () => {
    const always = everyDay([{ from: '00:00', to: '24:00' }]);
    expect(between('2026-11-02T10:17:03Z', '2026-11-19T01:02:03Z', always)).toBe(
      (Date.parse('2026-11-19T01:02:03Z') - Date.parse('2026-11-02T10:17:03Z')) / 1000,
    );
  });

  it('works west of UTC too (New York, weekdays 08:00–18:00, Friday 17:00 to Monday 09:00 EST)', () => {
    const newYork = weekdays([{ from: '08:00', to: '18:00' }], 'America/New_York');
    expect(between('2026-11-06T22:00:00Z', '2026-11-09T14:00:00Z', newYork)).toBe(2 * HOUR);
  });
});

describe('BusinessClock', () => {
  it('reads the open seconds since the start of its span, and the same arrays for SQL', () => {
    const clock = BusinessClock.over(
      DEFAULT_BUSINESS_CALENDAR,
      at('2026-11-06T00:00:00Z'),
      at('2026-11-10T00:00:00Z'),
    );
    expect(clock.reading(at('2026-11-06T08:00:00Z'))).toBe(0);
    expect(clock.reading(at('2026-11-06T10:00:00Z'))).toBe(HOUR);
    expect(clock.reading(at('2026-11-08T10:00:00Z'))).toBe(8 * HOUR);
    expect(clock.reading(at('2026-11-09T17:30:00Z'))).toBe(16 * HOUR);
    expect(clock.sqlArrays()).toEqual({
      starts: ['2026-11-06T09:00:00.000Z', '2026-11-09T09:00:00.000Z'],
      seconds: [8 * HOUR, 8 * HOUR],
      before: [0, 8 * HOUR],
    });
  });

  it('caps the span it is built for, so an absurd timestamp cannot make it build millions of intervals', () => {
    const clock = BusinessClock.over(
      DEFAULT_BUSINESS_CALENDAR,
      at('2026-01-01T00:00:00Z'),
      at('9999-01-01T00:00:00Z'),
    );
    expect(clock.intervalCount).toBeLessThan((MAX_CLOCK_SPAN_MS / 86_400_000) * (5 / 7) + 10);
  });

  it('agrees with businessSeconds, and business time is additive and never more than calendar time', () => {
    const berlin = weekdays(
      [
        { from: '08:00', to: '12:00' },
        { from: '13:00', to: '18:30' },
      ],
      'Europe/Berlin',
      ['2026-04-03', '2026-04-06'],
    );
    const span = [Date.parse('2026-03-01T00:00:00Z'), Date.parse('2026-05-01T00:00:00Z')];
    const clock = BusinessClock.over(berlin, new Date(span[0]), new Date(span[1]));
    const instant = fc.integer({ min: span[0], max: span[1] }).map((ms) => new Date(ms));
    fc.assert(
      fc.property(instant, instant, instant, (a, b, c) => {
        const ab = businessSeconds(a, b, berlin);
        expect(clock.elapsed(a, b)).toBeCloseTo(ab, 6);
        expect(ab + businessSeconds(b, c, berlin)).toBeCloseTo(businessSeconds(a, c, berlin), 6);
        expect(Math.abs(ab)).toBeLessThanOrEqual(Math.abs(b.getTime() - a.getTime()) / 1000);
      }),
      { numRuns: 200 },
    );
  });
});
