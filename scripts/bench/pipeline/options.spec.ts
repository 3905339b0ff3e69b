import { DEFAULT_PIPELINE_OPTIONS, parsePipelineOptions } from './options';

describe('parsePipelineOptions', () => {
  it('takes the defaults without arguments', () => {
    expect(parsePipelineOptions([])).toEqual(DEFAULT_PIPELINE_OPTIONS);
  });

  it('reads kebab-case options and flags', () => {
    expect(
      parsePipelineOptions([
        '--events',
        '200000',
        '--insights-instances',
        '2',
        '--http-seconds',
        '0',
        '--keep',
      ]),
    ).toMatchObject({ events: 200_000, insightsInstances: 2, httpSeconds: 0, keep: true });
  });

  it('names what is wrong', () => {
    expect(() => parsePipelineOptions(['--eventz', '1'])).toThrow(/unknown option --eventz/);
    expect(() => parsePipelineOptions(['--events', 'many'])).toThrow(/bad value for --events: many/);
    expect(() => parsePipelineOptions(['--partitions', '0'])).toThrow(/bad value for --partitions: 0/);
    expect(() =>
      parsePipelineOptions(['--events', '100', '--naive-events', '50', '--floor-events', '200']),
    ).toThrow(/--floor-events \(200\) cannot exceed --events \(100\)/);
    expect(() => parsePipelineOptions(['--events', '100', '--naive-events', '200'])).toThrow(
      /--naive-events \(200\) cannot exceed --events \(100\)/,
    );
  });
});
