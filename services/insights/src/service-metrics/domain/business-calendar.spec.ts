import {
  BusinessCalendar,
  businessCalendarProblems,
  DEFAULT_BUSINESS_CALENDAR,
  OpeningHours,
  Weekday,
} from './business-calendar';
import { dayString, localDay, offsetAt, parseDay, zonedInstant } from './zoned-time';

const withHours = (weekday: Weekday, hours: OpeningHours[]): BusinessCalendar => ({
  ...DEFAULT_BUSINESS_CALENDAR,
  weeklyHours: { ...DEFAULT_BUSINESS_CALENDAR.weeklyHours, [weekday]: hours },
});

describe('businessCalendarProblems', () => {
  it('finds nothing wrong with the default calendar (Monday–Friday 09:00–17:00 UTC) and is plain JSON', () => {
    expect(businessCalendarProblems(DEFAULT_BUSINESS_CALENDAR)).toEqual([]);
    expect(JSON.parse(JSON.stringify(DEFAULT_BUSINESS_CALENDAR))).toEqual(DEFAULT_BUSINESS_CALENDAR);
  });

  it('accepts a zone with daylight saving time, split days, an overnight stretch and holidays', () => {
    const calendar: BusinessCalendar = {
      ...withHours('friday', [
        { from: '08:00', to: '12:00' },
        { from: '13:00', to: '24:00' },
      ]),
      timeZone: 'Europe/Berlin',
      holidays: ['2026-12-24', '2026-12-25'],
    };
    calendar.weeklyHours.sunday = [{ from: '22:00', to: '06:00' }];
    expect(businessCalendarProblems(calendar)).toEqual([]);
  });

  it('rejects an unknown time zone', () => {
    expect(businessCalendarProblems({ ...DEFAULT_BUSINESS_CALENDAR, timeZone: 'Mars/Olympus' })).toEqual([
      'timeZone "Mars/Olympus" is not an IANA time zone',
    ]);
  });

  it('rejects times that are not HH:MM and stretches that open and close at once', () => {
    expect(
      businessCalendarProblems(
        withHours('monday', [
          { from: '9:00', to: '17:00' },
          { from: '10:00', to: '24:01' },
          { from: '24:00', to: '02:00' },
          { from: '12:00', to: '12:00' },
        ]),
      ),
    ).toEqual([
      'weeklyHours.monday[0].from must be HH:MM, 00:00–23:59',
      'weeklyHours.monday[1].to must be HH:MM, 00:00–24:00',
      'weeklyHours.monday[2].from must be HH:MM, 00:00–23:59',
      'weeklyHours.monday[3] opens and closes at 12:00: use 00:00–24:00 for a whole day',
    ]);
  });

  it('rejects overlapping stretches, also an overnight one running into the next day and Sunday into Monday', () => {
    expect(
      businessCalendarProblems(
        withHours('monday', [
          { from: '09:00', to: '13:00' },
          { from: '12:00', to: '17:00' },
        ]),
      ),
    ).toEqual(['weeklyHours.monday[0] and weeklyHours.monday[1] overlap']);
    expect(businessCalendarProblems(withHours('thursday', [{ from: '20:00', to: '10:00' }]))).toEqual([
      'weeklyHours.thursday[0] and weeklyHours.friday[0] overlap',
    ]);
    expect(businessCalendarProblems(withHours('sunday', [{ from: '20:00', to: '09:30' }]))).toEqual([
      'weeklyHours.monday[0] and weeklyHours.sunday[0] overlap',
    ]);
    // Touching is not overlapping: 17:00 close, 17:00 open.
    expect(
      businessCalendarProblems(
        withHours('monday', [
          { from: '09:00', to: '17:00' },
          { from: '17:00', to: '20:00' },
        ]),
      ),
    ).toEqual([]);
  });

  it('rejects a missing weekday and a calendar that is never open', () => {
    const { saturday: _dropped, ...rest } = DEFAULT_BUSINESS_CALENDAR.weeklyHours;
    expect(
      businessCalendarProblems({
        ...DEFAULT_BUSINESS_CALENDAR,
        weeklyHours: rest as BusinessCalendar['weeklyHours'],
      }),
    ).toEqual(['weeklyHours.saturday must be a list of opening hours (empty when closed)']);
    const closed = Object.fromEntries(
      Object.keys(DEFAULT_BUSINESS_CALENDAR.weeklyHours).map((day) => [day, []]),
    ) as unknown as BusinessCalendar['weeklyHours'];
    expect(businessCalendarProblems({ ...DEFAULT_BUSINESS_CALENDAR, weeklyHours: closed })).toEqual([
      'the calendar is never open: give at least one weekday opening hours',
    ]);
  });

  it('rejects holidays that are not real dates or are listed twice', () => {
    expect(
      businessCalendarProblems({
        ...DEFAULT_BUSINESS_CALENDAR,
        holidays: ['2026-02-30', '24.12.2026', '2026-12-25', '2026-12-25'],
      }),
    ).toEqual([
      'holidays[0] "2026-02-30" is not a YYYY-MM-DD date',
      'holidays[1] "24.12.2026" is not a YYYY-MM-DD date',
      'holidays[3] 2026-12-25 is listed twice',
    ]);
  });
});

describe('zoned time', () => {
  const day = (text: string) => parseDay(text)!;

  it('finds the local day of an instant', () => {
    // 23:30 UTC on 1 November is already 2 November in Berlin, still 1 November in New York.
    expect(dayString(localDay(Date.parse('2026-11-01T23:30:00Z'), 'Europe/Berlin'))).toBe('2026-11-02');
    expect(dayString(localDay(Date.parse('2026-11-01T23:30:00Z'), 'America/New_York'))).toBe('2026-11-01');
  });

  it('knows the offset on each side of a change', () => {
    expect(offsetAt(Date.parse('2026-03-29T00:59:59Z'), 'Europe/Berlin')).toBe(3_600_000);
    expect(offsetAt(Date.parse('2026-03-29T01:00:00Z'), 'Europe/Berlin')).toBe(7_200_000);
  });

  it('resolves a skipped wall time forward and a repeated one to its first occurrence', () => {
    const iso = (ms: number) => new Date(ms).toISOString();
    expect(iso(zonedInstant(day('2026-03-29'), 2 * 60 + 30, 'Europe/Berlin'))).toBe(
      '2026-03-29T01:30:00.000Z',
    );
    expect(iso(zonedInstant(day('2026-10-25'), 2 * 60 + 30, 'Europe/Berlin'))).toBe(
      '2026-10-25T00:30:00.000Z',
    );
    expect(iso(zonedInstant(day('2026-10-25'), 24 * 60, 'Europe/Berlin'))).toBe('2026-10-25T23:00:00.000Z');
    expect(iso(zonedInstant(day('2026-07-01'), 9 * 60, 'Asia/Kolkata'))).toBe('2026-07-01T03:30:00.000Z');
  });

  it('parses only real YYYY-MM-DD dates', () => {
    expect(parseDay('2028-02-29')).not.toBeNull();
    expect(parseDay('2027-02-29')).toBeNull();
    expect(parseDay('2027-2-1')).toBeNull();
  });
});
