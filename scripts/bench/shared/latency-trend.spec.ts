import { latencyByThird } from './latency-trend';

describe('latencyByThird', () => {
  it('puts each event in the third of the phase it was published in', () => {
    const samples = [
      { publishedAtMs: 0, latencyMs: 100 },
      { publishedAtMs: 2_999, latencyMs: 200 },
      { publishedAtMs: 3_000, latencyMs: 1_000 },
      { publishedAtMs: 6_000, latencyMs: 5_000 },
      { publishedAtMs: 8_999, latencyMs: 7_000 },
    ];
    expect(latencyByThird(samples, 9_000)).toEqual([
      { events: 2, p50: 100, p99: 200 },
      { events: 1, p50: 1_000, p99: 1_000 },
      { events: 2, p50: 5_000, p99: 7_000 },
    ]);
  });

  it('counts an event never applied as infinitely late, and an event at the very end in the last third', () => {
    const slices = latencyByThird(
      [
        { publishedAtMs: 9_000, latencyMs: Infinity },
        { publishedAtMs: 8_000, latencyMs: 10 },
      ],
      9_000,
    );
    expect(slices[2]).toEqual({ events: 2, p50: 10, p99: Infinity });
    expect(slices[0].events).toBe(0);
    expect(slices[0].p50).toBeNaN();
  });
});
