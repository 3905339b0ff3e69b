import { ResponseChange } from '../../satisfaction/domain/contribution-deltas';
import { contributionOf, groupsOf } from '../../satisfaction/domain/response-contribution';
import { SatisfactionResponse } from '../../satisfaction/domain/satisfaction-response';

/**
 * What a driver needs of a set of responses: counts only (CSAT top-2-box and NPS categories), so any
 * days, and "all responses minus a theme's", are a subtraction and a sum of rows.
 */
export const DRIVER_COUNTS = [
  'responses',
  'csatResponses',
  'csatSatisfied',
  'npsResponses',
  'npsPromoters',
  'npsPassives',
  'npsDetractors',
] as const;
export type DriverCount = (typeof DRIVER_COUNTS)[number];
export type DriverCounts = Record<DriverCount, number>;

/** The slices a driver report can be restricted to: everything, one segment attribute, one channel. */
export const DRIVER_SLICES = [
  'none',
  'segment.industry',
  'segment.plan',
  'segment.region',
  'segment.companySize',
  'segment.role',
  'channel',
] as const;
export type DriverSlice = (typeof DRIVER_SLICES)[number];

/** The themes whose effect is measured; `none`/`all` is the slice's total, the "with and without" base. */
export type DriverThemeKind = 'none' | 'issueCode' | `rating.${string}`;

/** One row of `insights.satisfaction_driver_daily`: a day, a slice, a theme, and what is added to it. */
export interface DriverRollupRow {
  day: string;
  sliceKind: DriverSlice;
  sliceValue: string;
  themeKind: DriverThemeKind;
  themeValue: string;
  counts: DriverCounts;
}

export function zeroCounts(): DriverCounts {
  return Object.fromEntries(DRIVER_COUNTS.map((c) => [c, 0])) as DriverCounts;
}

/** The driver counts of one response: the same cut-offs as the satisfaction rollup (they are its measures). */
export function driverCountsOf(response: SatisfactionResponse): DriverCounts {
  const measures = contributionOf(response.scores);
  return Object.fromEntries(DRIVER_COUNTS.map((c) => [c, measures[c]])) as DriverCounts;
}

/**
 * The rows one response adds: its counts once per (slice, theme) it belongs to. Slices and themes are
 * groups of the satisfaction rollup (`groupsOf`), so a theme here is exactly a rollup group there.
 */
export function driverRowsOf(response: SatisfactionResponse): DriverRollupRow[] {
  const groups = groupsOf(response);
  const slices = groups.filter((g) => (DRIVER_SLICES as readonly string[]).includes(g.kind));
  const themes = groups.filter(
    (g) => g.kind === 'none' || g.kind === 'issueCode' || g.kind.startsWith('rating.'),
  );
  const counts = driverCountsOf(response);
  return slices.flatMap((slice) =>
    themes.map((theme) => ({
      day: response.day,
      sliceKind: slice.kind as DriverSlice,
      sliceValue: slice.value,
      themeKind: theme.kind as DriverThemeKind,
      themeValue: theme.value,
      counts: { ...counts },
    })),
  );
}

/**
 * The rows to ADD so that the driver rollup follows the changes: −old +new per response, netted per
 * key (integers, so exact). Keys that net to zero are left out, so an unchanged response or a
 * change that does not touch CSAT, NPS or the groups (a CES correction) writes nothing. One row per
 * key (the statement may not meet a key twice), sorted so the output is deterministic. Pure.
 */
export function driverDeltas(changes: readonly ResponseChange[]): DriverRollupRow[] {
  const net = new Map<string, DriverRollupRow>();
  const add = (row: DriverRollupRow, sign: 1 | -1) => {
    const key = driverRowKey(row);
    const sum = net.get(key) ?? { ...row, counts: zeroCounts() };
    for (const c of DRIVER_COUNTS) sum.counts[c] += sign * row.counts[c];
    net.set(key, sum);
  };
  for (const { before, after } of changes) {
    if (before) for (const row of driverRowsOf(before)) add(row, -1);
    if (after) for (const row of driverRowsOf(after)) add(row, 1);
  }
  return [...net.entries()]
    .filter(([, row]) => DRIVER_COUNTS.some((c) => row.counts[c] !== 0))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, row]) => row);
}

/** The primary key's columns, in its order; the statement re-sorts them under `COLLATE "C"` for locking. */
function driverRowKey(row: DriverRollupRow): string {
  return [row.sliceKind, row.sliceValue, row.day, row.themeKind, row.themeValue].join('\u0000');
}
