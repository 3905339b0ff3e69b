import { boundedWindows, emptyCaseWindow } from './profile-windows';

describe('boundedWindows', () => {
  it('gives every window its bounds, counted back from the latest fact', () => {
    const stored = { '30d': { ...emptyCaseWindow(), cases: 3 } };
    const windows = boundedWindows(stored, new Date('2033-04-11T12:00:00.000Z'));
    expect(Object.keys(windows)).toEqual(['7d', '30d', '90d']);
    expect(windows['7d']).toMatchObject({
      days: 7,
      from: '2033-04-04T12:00:00.000Z',
      to: '2033-04-11T12:00:00.000Z',
      cases: 0,
    });
    expect(windows['30d']).toMatchObject({ days: 30, from: '2033-03-12T12:00:00.000Z', cases: 3 });
    expect(windows['90d'].from).toBe('2033-01-11T12:00:00.000Z');
  });

  it('has empty, unbounded windows for a customer without facts', () => {
    expect(boundedWindows({}, null)['90d']).toEqual({ days: 90, from: null, to: null, ...emptyCaseWindow() });
  });
});
