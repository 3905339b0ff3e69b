import { SEGMENT_ATTRIBUTES, SegmentAttribute } from '@supportlens/contracts';

/** How long one period of the `period` dimension is; periods are cut in UTC. */
export const SERVICE_PERIODS = ['day', 'week', 'month'] as const;
export type ServicePeriod = (typeof SERVICE_PERIODS)[number];

export { SEGMENT_ATTRIBUTES };
export type { SegmentAttribute };

/** What a table can be grouped by: one or two of these. */
export const SERVICE_DIMENSIONS = [
  'period',
  'channel',
  'issueCode',
  'agent',
  ...SEGMENT_ATTRIBUTES.map((attribute) => `segment.${attribute}` as const),
] as const;
export type ServiceDimension = (typeof SERVICE_DIMENSIONS)[number];

/** `groupBy` values: the dimensions, and `day`/`week`/`month` as short for `period` of that length. */
export const SERVICE_GROUPINGS = [...SERVICE_DIMENSIONS, ...SERVICE_PERIODS] as const;
export type ServiceGrouping = (typeof SERVICE_GROUPINGS)[number];

/** The group value of a case that has no value on a dimension (no agent, no segment attribute). */
export const NO_VALUE = 'none';

export interface ServiceGroupingChoice {
  dimensions: ServiceDimension[];
  period: ServicePeriod;
}

/** A request parameter that does not make sense with the others. */
export class GroupingProblem extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The dimensions and period length a request asks for. Defaults: grouped by period, a period a day
 * (what the endpoint always did). `groupBy=month` is `groupBy=period&period=month`; asking for two
 * different lengths at once, or the same dimension twice, is a mistake. Pure.
 */
export function serviceGrouping(
  groupBy: readonly ServiceGrouping[] | undefined,
  period: ServicePeriod | undefined,
): ServiceGroupingChoice {
  const requested = groupBy && groupBy.length > 0 ? groupBy : ['period' as const];
  if (requested.length > 2) throw new GroupingProblem('groupBy', 'groupBy takes one or two dimensions');
  const lengths = new Set<ServicePeriod>(period ? [period] : []);
  const dimensions = requested.map((grouping): ServiceDimension => {
    if ((SERVICE_PERIODS as readonly string[]).includes(grouping)) {
      lengths.add(grouping as ServicePeriod);
      return 'period';
    }
    return grouping as ServiceDimension;
  });
  if (lengths.size > 1) {
    throw new GroupingProblem('period', `period ${[...lengths].join(' and ')} at once: ask for one`);
  }
  if (new Set(dimensions).size < dimensions.length) {
    throw new GroupingProblem('groupBy', 'groupBy names the same dimension twice');
  }
  return { dimensions, period: [...lengths][0] ?? 'day' };
}

/** A group's label: its values joined with `|` (one value for one dimension, as `key` always was). */
export function groupKey(values: readonly string[]): string {
  return values.join('|');
}
