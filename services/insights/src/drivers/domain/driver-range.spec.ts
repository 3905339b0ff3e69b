import { driverRange, periodWindow } from './driver-range';

describe('periodWindow', () => {
  it('reads a day, an ISO week and a month', () => {
    expect(periodWindow('2031-03-04')).toEqual({ start: '2031-03-04', end: '2031-03-05' });
    // 2031-W10 runs Monday 3 March to Sunday 9 March.
    expect(periodWindow('2031-W10')).toEqual({ start: '2031-03-03', end: '2031-03-10' });
    expect(periodWindow('2031-02')).toEqual({ start: '2031-02-01', end: '2031-03-01' });
    expect(periodWindow('2032-02')).toEqual({ start: '2032-02-01', end: '2032-03-01' }); // leap year: 29 days
  });

  it('uses the ISO week-numbering year', () => {
    // 2026-W53 runs Monday 28 December 2026 to Sunday 3 January 2027; 2025-W01 starts on 30 December 2024.
    expect(periodWindow('2026-W53')).toEqual({ start: '2026-12-28', end: '2027-01-04' });
    expect(periodWindow('2025-W01')).toEqual({ start: '2024-12-30', end: '2025-01-06' });
  });

  it('refuses labels that name no period', () => {
    for (const label of [
      '2031-02-30',
      '2031-13',
      '2031-00',
      '2030-W53',
      '2031-W00',
      '2031-W54',
      '2031-3',
      'week',
    ]) {
      expect(periodWindow(label)).toBeNull();
    }
  });
});

describe('driverRange', () => {
  const now = new Date('2031-03-20T15:00:00Z');

  it('takes a period label', () => {
    expect(driverRange({ period: '2031-W10' }, now, 90, 3660)).toEqual({
      window: { start: '2031-03-03', end: '2031-03-10' },
    });
  });

  it('widens from/to to whole UTC days, and defaults to the given number of days up to now', () => {
    expect(
      driverRange({ from: '2031-03-01T10:00:00+02:00', to: '2031-03-05T00:00:01Z' }, now, 90, 3660),
    ).toEqual({ window: { start: '2031-03-01', end: '2031-03-06' } });
    // now − 7 days = 2031-03-13T15:00Z → from 13 March; to rounded up to 21 March.
    expect(driverRange({}, now, 7, 3660)).toEqual({ window: { start: '2031-03-13', end: '2031-03-21' } });
  });

  it('names the field that is wrong', () => {
    expect(driverRange({ period: '2031-03', from: '2031-03-01T00:00:00Z' }, now, 90, 3660)).toMatchObject({
      field: 'period',
    });
    expect(driverRange({ period: '2031-13' }, now, 90, 3660)).toMatchObject({ field: 'period' });
    expect(
      driverRange({ from: '2031-03-05T00:00:00Z', to: '2031-03-05T00:00:00Z' }, now, 90, 3660),
    ).toMatchObject({ field: 'from', message: 'from must be earlier than to' });
    expect(driverRange({ from: '2001-01-01T00:00:00Z' }, now, 90, 3660)).toMatchObject({ field: 'from' });
  });
});
