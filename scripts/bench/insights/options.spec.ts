import { DEFAULT_OPTIONS, parseOptions } from './options';

describe('insights bench parseOptions', () => {
  it('reads numbers, flags and the broker kind over the defaults', () => {
    expect(parseOptions(['--rate', '0', '--broker', 'shared', '--profile'])).toEqual({
      ...DEFAULT_OPTIONS,
      rate: 0,
      broker: 'shared',
      profile: true,
    });
  });

  it('names what is wrong', () => {
    expect(() => parseOptions(['--broker', 'mine'])).toThrow('--broker takes dedicated or shared, not mine');
    expect(() => parseOptions(['--instances', '0'])).toThrow(/bad value for --instances: 0/);
    expect(() => parseOptions(['--nope'])).toThrow(/unknown option --nope/);
  });
});
