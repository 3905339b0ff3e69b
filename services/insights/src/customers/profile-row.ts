import { CustomerProfile } from './customer-profile';
import { CustomerProfileSettings } from './domain/customer-profile-settings';
import {
  boundedWindows,
  CaseWindow,
  NORM_WINDOW,
  RECENT_TONE_CASES,
  ToneCounts,
} from './domain/profile-windows';
import { ResolutionNorm, resolutionAgainstNorm } from './domain/resolution-norm';
import { isSatisfactionLevel, levelDirection, scoreDirection, trendOf } from './domain/trend';

/** A row of `insights.customer_profiles` as pg returns it. */
export interface ProfileRow {
  customer_id: string;
  segment: Record<string, string>;
  lifetime_value: string | null;
  consent: Record<string, boolean>;
  cases_total: number;
  open_cases: number;
  surveys_total: number;
  last_csat: number | null;
  last_csat_at: Date | null;
  previous_csat: number | null;
  previous_csat_at: Date | null;
  last_nps: number | null;
  nps_category: string | null;
  last_nps_at: Date | null;
  previous_nps: number | null;
  previous_nps_category: string | null;
  previous_nps_at: Date | null;
  servqual_level: string | null;
  servqual_gap: number | null;
  servqual_at: Date | null;
  previous_servqual_level: string | null;
  previous_servqual_gap: number | null;
  previous_servqual_at: Date | null;
  last_contact_at: Date | null;
  as_of: Date | null;
  case_windows: Partial<Record<string, CaseWindow>>;
  recent_tone: Partial<ToneCounts & { cases: number }>;
  updated_at: Date;
}

/** A row of RESOLUTION_NORMS_SQL. */
export interface NormRow {
  issue_code: string;
  cases: number;
  median_hours: number;
}

/** The profile a row and its norms make; pure. */
export function toCustomerProfile(
  row: ProfileRow,
  norms: readonly NormRow[],
  settings: CustomerProfileSettings,
): CustomerProfile {
  const windows = boundedWindows(row.case_windows, row.as_of);
  const normsByCode: Record<string, ResolutionNorm> = {};
  for (const norm of norms)
    normsByCode[norm.issue_code] = { cases: norm.cases, medianHours: norm.median_hours };
  const csat = trendOf(
    answer(row.last_csat, row.last_csat_at),
    answer(row.previous_csat, row.previous_csat_at),
    scoreDirection,
  );
  const nps = trendOf(
    answer(row.last_nps, row.last_nps_at),
    answer(row.previous_nps, row.previous_nps_at),
    scoreDirection,
  );
  const level = isSatisfactionLevel(row.servqual_level) ? row.servqual_level : null;
  const previousLevel = isSatisfactionLevel(row.previous_servqual_level) ? row.previous_servqual_level : null;
  const servqualLevel = trendOf(
    answer(level, row.servqual_at),
    answer(previousLevel, row.previous_servqual_at),
    levelDirection,
  );
  return {
    customerId: row.customer_id,
    segment: row.segment,
    lifetimeValue: row.lifetime_value === null ? null : Number(row.lifetime_value),
    consent: row.consent,
    cases: { total: row.cases_total, open: row.open_cases },
    surveys: { total: row.surveys_total },
    lastCsat: csat && { score: csat.last, at: csat.lastAt },
    lastNps: nps && { score: nps.last, category: row.nps_category ?? '', at: nps.lastAt },
    lastContactAt: row.last_contact_at?.toISOString() ?? null,
    updatedAt: row.updated_at.toISOString(),
    asOf: row.as_of?.toISOString() ?? null,
    windows,
    resolution: resolutionAgainstNorm(
      windows[NORM_WINDOW.label].resolution,
      normsByCode,
      settings.resolutionNorm,
      NORM_WINDOW.days,
    ),
    satisfaction: {
      csat,
      nps: nps && { ...nps, category: row.nps_category ?? '', previousCategory: row.previous_nps_category },
      servqualLevel: servqualLevel && {
        ...servqualLevel,
        gap: row.servqual_gap ?? 0,
        previousGap: row.previous_servqual_gap,
      },
    },
    recentTone: {
      cases: row.recent_tone.cases ?? 0,
      of: RECENT_TONE_CASES,
      negative: row.recent_tone.negative ?? 0,
      neutral: row.recent_tone.neutral ?? 0,
      positive: row.recent_tone.positive ?? 0,
    },
  };
}

function answer<T>(value: T | null, at: Date | null): { value: T; at: string } | null {
  return value === null || at === null ? null : { value, at: at.toISOString() };
}
