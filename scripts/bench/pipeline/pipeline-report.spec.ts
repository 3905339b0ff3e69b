import { LatencyResult } from '../shared/latency-phase';
import { ThroughputResult } from '../shared/throughput-phase';
import { formatReport, formatTable, judgeTargets, MeasuredRun, PipelineBenchReport } from './pipeline-report';

function run(events: number, seconds: number): MeasuredRun {
  return {
    events,
    seconds,
    perSecond: events / seconds,
    usage: {
      seconds,
      cpuSeconds: { broker: seconds / 2 },
      machinePercent: { user: 60, system: 20, irq: 2, steal: 3, idle: 15 },
      cores: 2,
    },
    peakRssMiB: {},
  };
}

function latency(p99: number): LatencyResult {
  return { latencyMs: { p50: p99 / 4, p95: p99 / 2, p99, max: p99, mean: p99 / 4 } } as LatencyResult;
}

/** 100,000 records, four in five of them cases (or `cases`). */
function report(
  pipelinePerSecond: number,
  p99AtHalf: number,
  cases = 80_000,
): Omit<PipelineBenchReport, 'targets'> {
  return {
    commit: 'abc1234',
    settings: { partitions: 6 },
    floor: run(100_000, 5),
    topologyFloor: run(100_000, 20),
    naive: run(10_000, 10),
    pipeline: {
      ...run(100_000, 100_000 / pipelinePerSecond),
      drain: { byFifth: [1, 2, 3, 4, 5] } as ThroughputResult,
      cases,
    },
    latency: [
      { shareOfSustained: 0.5, result: latency(p99AtHalf) },
      { shareOfSustained: 0.9, result: latency(p99AtHalf * 3) },
    ],
    http: [],
  };
}

describe('judgeTargets', () => {
  it('meets every target at 10,000 events/s, 50% of a 20,000 floor, 10× a 1,000 peer, p99 2 s', () => {
    expect(judgeTargets(report(10_000, 2_000)).map((target) => target.met)).toEqual([
      true,
      true,
      true,
      true,
      null,
    ]);
  });

  it('misses each target it falls short of, with the figure it was judged on', () => {
    const targets = judgeTargets(report(5_000, 2_500));
    expect(targets.map((target) => [target.met, target.figure])).toEqual([
      [false, '5,000 events/s'],
      [false, '25.0%'],
      [false, '5.0×'],
      [false, '2,500 ms'],
      [null, 'not run: 80,000 cases (--events 1,250,000 holds enough)'],
    ]);
  });

  it('judges the replay on a sustained run of at least 1,000,000 cases, scaled to exactly that many', () => {
    const replay = (perSecond: number) => ({
      ...report(perSecond, 2_000),
      pipeline: {
        ...report(perSecond, 2_000).pipeline,
        ...run(1_250_000, 1_250_000 / perSecond),
        cases: 1_000_000,
      },
    });
    expect(judgeTargets(replay(7_000))[4]).toMatchObject({ met: true, figure: '1,000,000 cases in 178.6 s' });
    expect(judgeTargets(replay(2_000))[4]).toMatchObject({
      met: false,
      figure: '1,000,000 cases in 625.0 s',
    });
  });

  it('says the latency target was not run when the run had no latency phases', () => {
    const partial = { ...report(5_000, 2_500), latency: [] };
    expect(formatReport({ ...partial, targets: judgeTargets(partial) })).toMatch(
      /latency, publish to read model, at a fixed rate\n {2}not run \(--latency-seconds 0\)/,
    );
    expect(judgeTargets({ ...report(5_000, 2_500), latency: [] })[3]).toEqual({
      target: 'p99 ≤ 2,000 ms at 50% of sustained',
      figure: 'not run (--latency-seconds 0)',
      met: null,
    });
  });

  it('judges latency on the run at half the sustained rate, not at 90%', () => {
    expect(judgeTargets(report(10_000, 1_900))[3]).toMatchObject({ met: true, figure: '1,900 ms' });
  });
});

describe('formatTable', () => {
  it('pads every column to its widest cell, names left and figures right', () => {
    expect(
      formatTable(
        ['run', 'events/s'],
        [
          ['floor', '12,000'],
          ['naive peer', '900'],
        ],
      ).split('\n'),
    ).toEqual([
      '  run         events/s',
      '  ──────────  ────────',
      '  floor         12,000',
      '  naive peer       900',
    ]);
  });
});

describe('formatReport', () => {
  it('sets SupportLens against the floor and the naive peer', () => {
    const partial = report(5_000, 2_500);
    const text = formatReport({ ...partial, targets: judgeTargets(partial) });
    expect(text).toContain('commit abc1234');
    expect(text).toMatch(/floor: bare kafkajs.*20,000\s+25\.0%/);
    expect(text).toMatch(/naive peer: Nest Kafka transport.*1,000\s+5\.0×/);
    expect(text).toMatch(/p99 ≤ 2,000 ms at 50% of sustained\s+2,500 ms\s+NO/);
    expect(text).toMatch(/replay 1,000,000 cases ≤ 180 s\s+not run: .*\s+–/);
  });

  it('sets SupportLens against the topology floor too, without judging it', () => {
    const partial = report(5_000, 2_500);
    const text = formatReport({ ...partial, targets: judgeTargets(partial) });
    expect(text).toMatch(/topology floor: four bare processes, three hops.*5,000\s+100\.0%/);
    expect(text).toMatch(/topology floor\s+broker\s+10\.00\s+0\.100/);
    const fasterShape = { ...partial, topologyFloor: run(100_000, 1) };
    expect(judgeTargets(fasterShape)).toEqual(judgeTargets(partial));
  });
});
