import { ToneLabel } from '@supportlens/contracts';

/**
 * The rolling windows of a customer profile. They end at the customer's latest fact (the largest event
 * time of their cases and survey responses), never at the clock, so the same facts always give the
 * same profile. A case belongs to a window when it was opened after `asOf − days` (the start is
 * exclusive, the end is the latest fact).
 *
 * The windows are part of what a stored profile *is* (the refresh writes one entry per window), so
 * they are fixed here rather than runtime settings: changing them means re-deriving every profile.
 */
export const PROFILE_WINDOWS = [
  { label: '7d', days: 7 },
  { label: '30d', days: 30 },
  { label: '90d', days: 90 },
] as const;

export type WindowLabel = (typeof PROFILE_WINDOWS)[number]['label'];

/** The window in which the customer's resolution times are compared with the norm. */
export const NORM_WINDOW = PROFILE_WINDOWS[2];

/** "Tone of recent cases" also counts over the customer's last this many cases, whatever their age. */
export const RECENT_TONE_CASES = 10;

export type ToneCounts = Record<ToneLabel, number>;

/** Resolution of the cases opened in a window that are resolved; hours are `resolvedAt − openedAt`. */
export interface WindowResolution {
  resolved: number;
  /** Median over the resolved cases; null when none is resolved. */
  medianHours: number | null;
  /** Per issue code, only the codes with at least one resolved case. */
  byIssueCode: Record<string, { resolved: number; medianHours: number }>;
}

/** One window of a profile, as stored in `customer_profiles.case_windows` (jsonb). */
export interface CaseWindow {
  /** Cases opened in the window. */
  cases: number;
  /** Those cases by their current status, issue code and channel (absent keys are 0). */
  byStatus: Record<string, number>;
  byIssueCode: Record<string, number>;
  byChannel: Record<string, number>;
  /** Cases reopened at least once, and the sum of their reopen counts. */
  reopenedCases: number;
  reopens: number;
  /** Cases escalated. */
  escalated: number;
  resolution: WindowResolution;
  /** Cases by the tone of their text; cases classified without a tone are in none of the three. */
  tone: ToneCounts;
}

export type CaseWindows = Record<WindowLabel, CaseWindow>;

export function emptyCaseWindow(): CaseWindow {
  return {
    cases: 0,
    byStatus: {},
    byIssueCode: {},
    byChannel: {},
    reopenedCases: 0,
    reopens: 0,
    escalated: 0,
    resolution: { resolved: 0, medianHours: null, byIssueCode: {} },
    tone: { negative: 0, neutral: 0, positive: 0 },
  };
}

export function emptyCaseWindows(): CaseWindows {
  return Object.fromEntries(PROFILE_WINDOWS.map((w) => [w.label, emptyCaseWindow()])) as CaseWindows;
}

/** A window with its bounds: cases opened in `(from, to]`; both null for a customer without facts. */
export type BoundedCaseWindow = CaseWindow & { days: number; from: string | null; to: string | null };

/**
 * The stored windows with their bounds, every window present (a window the stored document lacks, as
 * rows written before the windows existed do, is empty).
 */
export function boundedWindows(
  stored: Partial<Record<string, CaseWindow>>,
  asOf: Date | null,
): Record<WindowLabel, BoundedCaseWindow> {
  const entries = PROFILE_WINDOWS.map(({ label, days }) => {
    const window = stored[label] ?? emptyCaseWindow();
    const from = asOf === null ? null : new Date(asOf.getTime() - days * 86_400_000).toISOString();
    return [label, { days, from, to: asOf?.toISOString() ?? null, ...window }] as const;
  });
  return Object.fromEntries(entries) as Record<WindowLabel, BoundedCaseWindow>;
}
