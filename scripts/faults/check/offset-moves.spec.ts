import { movesPerWindow, offsetIncreases } from './offset-moves';

const samples = (...points: Array<[number, number]>) =>
  points.map(([at, offset]) => ({ at: at * 1000, offset: BigInt(offset) }));

describe('movesPerWindow', () => {
  it('marks each window in which the offsets grew, counting a sample on a boundary in the window it ends', () => {
    const timeline = samples([0, 100], [25, 100], [30, 126], [55, 126], [60, 126], [65, 300], [90, 300]);
    expect(movesPerWindow(timeline, 30_000, 90_000)).toEqual([true, false, true]);
  });

  it('counts a sample taken just after the span in the last window', () => {
    expect(movesPerWindow(samples([0, 1], [31, 1], [60.2, 2]), 30_000, 60_000)).toEqual([false, true]);
    expect(movesPerWindow(samples([0, 1]), 30_000, 60_000)).toEqual([false, false]);
  });
});

describe('offsetIncreases', () => {
  it('says when the offsets grew and by how much', () => {
    expect(offsetIncreases(samples([0, 1149], [36.4, 1175], [40, 1175], [71, 2265]))).toBe(
      'start 1149; 36 s +26; 71 s +1090',
    );
  });
});
