import { CustomerProfileSettings } from './customer-profile-settings';
import { WindowResolution } from './profile-windows';

/**
 * The norm for one issue code: the median resolution time of every customer's cases of that code
 * opened in the same window as the customer's (the norm window, ending at the customer's latest fact)
 * and resolved, and how many cases that median is taken over.
 */
export interface ResolutionNorm {
  cases: number;
  medianHours: number;
}

export type ResolutionVerdict = 'faster' | 'in_line' | 'slower';

export interface IssueCodeResolution {
  issueCode: string;
  /** The customer's resolved cases of this code in the window, and their median. */
  resolved: number;
  medianHours: number;
  /** null when fewer than `minCases` cases make the norm (or it is 0 h, which nothing can be compared with). */
  norm: ResolutionNorm | null;
  /** medianHours ÷ norm: 2 = twice as long as customers usually wait for this code. */
  ratio: number | null;
}

/** The customer's time to resolution against the norm of the codes they raised. */
export interface ResolutionAgainstNorm {
  windowDays: number;
  resolved: number;
  /** The customer's median over all their resolved cases of the window. */
  medianHours: number | null;
  /**
   * The norm for this customer's mix of codes: the codes' norms weighted by the customer's resolved
   * cases of each (only codes that have a norm).
   */
  normHours: number | null;
  /** The per-code ratios weighted the same way: each resolved case is held to the norm of its own code. */
  ratio: number | null;
  /** Against the tolerance band; null when no code has a norm. */
  verdict: ResolutionVerdict | null;
  /** Most resolved first, then by code. */
  byIssueCode: IssueCodeResolution[];
}

/**
 * Compares a customer's resolution times with the norms of the same issue codes. Weighting by the
 * customer's own cases per code makes a customer whose cases are mostly slow kinds (a data migration)
 * comparable with one whose cases are quick (a password reset). Hours are rounded to 0.01 and ratios
 * to 0.001 for display; the verdict uses the unrounded ratio.
 */
export function resolutionAgainstNorm(
  resolution: WindowResolution,
  norms: Readonly<Record<string, ResolutionNorm>>,
  settings: CustomerProfileSettings['resolutionNorm'],
  windowDays: number,
): ResolutionAgainstNorm {
  const byIssueCode = Object.entries(resolution.byIssueCode)
    .filter(([, own]) => own.resolved > 0)
    .map(([issueCode, own]) => {
      const candidate = Object.hasOwn(norms, issueCode) ? norms[issueCode] : undefined;
      const norm =
        candidate && candidate.cases >= settings.minCases && candidate.medianHours > 0 ? candidate : null;
      return { issueCode, resolved: own.resolved, medianHours: own.medianHours, norm };
    });

  let weight = 0;
  let weightedRatio = 0;
  let weightedNorm = 0;
  for (const code of byIssueCode) {
    if (code.norm === null) continue;
    weight += code.resolved;
    weightedRatio += code.resolved * (code.medianHours / code.norm.medianHours);
    weightedNorm += code.resolved * code.norm.medianHours;
  }
  const ratio = weight === 0 ? null : weightedRatio / weight;

  return {
    windowDays,
    resolved: resolution.resolved,
    medianHours: roundTo(resolution.medianHours, 2),
    normHours: weight === 0 ? null : roundTo(weightedNorm / weight, 2),
    ratio: roundTo(ratio, 3),
    verdict: ratio === null ? null : verdictOf(ratio, settings.tolerance),
    byIssueCode: byIssueCode
      .sort(
        (a, b) =>
          b.resolved - a.resolved || (a.issueCode < b.issueCode ? -1 : a.issueCode > b.issueCode ? 1 : 0),
      )
      .map((code) => ({
        issueCode: code.issueCode,
        resolved: code.resolved,
        medianHours: roundTo(code.medianHours, 2),
        norm: code.norm && { cases: code.norm.cases, medianHours: roundTo(code.norm.medianHours, 2) },
        ratio: code.norm && roundTo(code.medianHours / code.norm.medianHours, 3),
      })),
  };
}

export function verdictOf(ratio: number, tolerance: number): ResolutionVerdict {
  if (ratio > 1 + tolerance) return 'slower';
  return ratio < 1 / (1 + tolerance) ? 'faster' : 'in_line';
}

function roundTo(value: number, decimals: number): number;
function roundTo(value: number | null, decimals: number): number | null;
function roundTo(value: number | null, decimals: number): number | null {
  if (value === null) return null;
  const scale = 10 ** decimals;
  return Math.round(value * scale) / scale;
}
