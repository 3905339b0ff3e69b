import { PhaseClock } from './phase-clock';

describe('PhaseClock', () => {
  it('gives each phase the time since the previous lap, adding up a phase lapped twice', () => {
    const times = [100, 130, 180, 181, 250];
    const clock = new PhaseClock(() => times.shift()!);
    clock.lap('claim');
    clock.lap('facts');
    clock.lap('claim');
    clock.lap('commit');
    expect(clock.phases()).toEqual([
      ['claim', 31],
      ['facts', 50],
      ['commit', 69],
    ]);
  });
});
