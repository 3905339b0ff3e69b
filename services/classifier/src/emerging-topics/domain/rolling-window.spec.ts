import { parseWindow, rollingWindows, utcDay } from './rolling-window';

describe('parseWindow', () => {
  it('reads days and hours', () => {
    expect(parseWindow('7d')).toBe(7 * 24 * 3600 * 1000);
    expect(parseWindow('48h')).toBe(48 * 3600 * 1000);
    expect(parseWindow('90d')).toBe(90 * 24 * 3600 * 1000);
  });

  it.each(['', '0d', '7', 'd', '7w', '-7d', '7.5d', '91d', '3000h', ' 7d'])('refuses %j', (spec) => {
    expect(parseWindow(spec)).toBeUndefined();
  });
});

describe('rollingWindows', () => {
  it('puts the previous window right before the window, and the baseline in whole days before both', () => {
    const windows = rollingWindows(new Date('2031-03-15T12:00:00Z'), parseWindow('7d')!, 28);
    expect(windows.from.toISOString()).toBe('2031-03-08T12:00:00.000Z');
    expect(windows.previousFrom.toISOString()).toBe('2031-03-01T12:00:00.000Z');
    // The baseline ends where the window's first day starts, so it never holds a window case.
    expect(windows.baselineToDay).toBe('2031-03-08');
    expect(windows.baselineFromDay).toBe('2031-02-08');
  });

  it('formats UTC days', () => {
    expect(utcDay(new Date('2031-03-15T23:59:59+05:00'))).toBe('2031-03-15');
    expect(utcDay(new Date('2031-03-15T00:30:00+05:00'))).toBe('2031-03-14');
  });
});
