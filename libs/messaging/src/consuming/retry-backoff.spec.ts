import { retryDelayMs } from './retry-backoff';

describe('retryDelayMs', () => {
  it('doubles from the base and stays within [ceiling/2, ceiling]', () => {
    expect(retryDelayMs(1, 500, 30_000, () => 0)).toBe(250);
    expect(retryDelayMs(1, 500, 30_000, () => 1)).toBe(500);
    expect(retryDelayMs(3, 500, 30_000, () => 1)).toBe(2000);
  });

  it('never exceeds the cap', () => {
    expect(retryDelayMs(50, 500, 30_000, () => 1)).toBe(30_000);
  });
});
