import { ConfigValidationError, loadConfig } from '@supportlens/platform';
import { InsightsConfig } from './insights.config';

const required = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/x', KAFKA_BROKERS: '127.0.0.1:9092' };

describe('InsightsConfig catch-up settings', () => {
  it('takes an exit lag below the enter lag', () => {
    const config = loadConfig(InsightsConfig, {
      ...required,
      CATCH_UP_ENTER_LAG: '500',
      CATCH_UP_EXIT_LAG: '100',
    });
    expect([config.CATCH_UP_ENTER_LAG, config.CATCH_UP_EXIT_LAG]).toEqual([500, 100]);
  });

  it('refuses an exit lag at or above the enter lag, naming the variable', () => {
    expect(() => loadConfig(InsightsConfig, { ...required, CATCH_UP_ENTER_LAG: '500' })).toThrow(
      ConfigValidationError,
    );
    expect(() => loadConfig(InsightsConfig, { ...required, CATCH_UP_ENTER_LAG: '500' })).toThrow(
      /CATCH_UP_EXIT_LAG: 2000 is not below CATCH_UP_ENTER_LAG \(500\)/,
    );
  });

  it('ignores the exit lag when catch-up is off', () => {
    expect(loadConfig(InsightsConfig, { ...required, CATCH_UP_ENTER_LAG: '0' }).CATCH_UP_EXIT_LAG).toBe(2000);
  });
});
