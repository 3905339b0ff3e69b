import { ServiceFigures } from '../../service-metrics/domain/service-figures';
import { serviceTrends } from './service-trends';

const figures = (overrides: Partial<ServiceFigures>): ServiceFigures =>
  ({ cases: 0, medianFirstResponseSeconds: null, escalationRate: null, ...overrides }) as ServiceFigures;

describe('serviceTrends', () => {
  it('gives each figure now, before and the change; null when a side has none', () => {
    const trends = serviceTrends(
      figures({ cases: 120, medianFirstResponseSeconds: 300, escalationRate: 0.1 }),
      figures({ cases: 100, medianFirstResponseSeconds: null, escalationRate: 0.125 }),
    );
    const byMetric = Object.fromEntries(trends.map((trend) => [trend.metric, trend]));
    expect(byMetric.cases).toEqual({ metric: 'cases', current: 120, previous: 100, change: 20 });
    expect(byMetric.medianFirstResponseSeconds.change).toBeNull();
    expect(byMetric.escalationRate.change).toBe(-0.025);
  });
});
