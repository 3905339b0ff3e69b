import { ServiceFigures } from '../../service-metrics/domain/service-figures';

/** The service figures a digest reader compares week on week. */
export const DIGEST_SERVICE_METRICS = [
  'cases',
  'medianFirstResponseSeconds',
  'medianFirstResponseBusinessSeconds',
  'medianResolutionSeconds',
  'medianResolutionBusinessSeconds',
  'abandonRate',
  'missedChatRate',
  'escalationRate',
  'reopenRate',
  'selfServiceScore',
  'costPerCase',
  'totalCost',
] as const satisfies readonly (keyof ServiceFigures)[];

export interface FigureTrend<K> {
  metric: K;
  current: number | null;
  previous: number | null;
  change: number | null;
}

/** Each digest metric now, before, and the difference (null when either side has none). Pure. */
export function serviceTrends(
  current: ServiceFigures,
  previous: ServiceFigures,
): FigureTrend<(typeof DIGEST_SERVICE_METRICS)[number]>[] {
  return DIGEST_SERVICE_METRICS.map((metric) => {
    const now = current[metric];
    const before = previous[metric];
    return {
      metric,
      current: now,
      previous: before,
      change: now === null || before === null ? null : Math.round((now - before) * 1e4) / 1e4,
    };
  });
}
