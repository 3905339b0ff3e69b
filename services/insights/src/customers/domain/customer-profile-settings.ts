/**
 * Settings of the customer profile that are applied when a profile is read, so a change takes effect
 * at once without re-deriving stored profiles. (The windows and the recent-tone length are part of the
 * stored profile: see `profile-windows.ts`.)
 */
export interface CustomerProfileSettings {
  resolutionNorm: {
    /**
     * A code's norm needs at least this many resolved cases (all customers, the norm window);
     * fewer make no norm, so one or two odd cases never set the bar.
     */
    minCases: number;
    /**
     * The band around the norm that still counts as in line: slower above `1 + tolerance` times the
     * norm, faster below `1 / (1 + tolerance)` times it (symmetric on a ratio scale).
     */
    tolerance: number;
  };
}

export const DEFAULT_CUSTOMER_PROFILE_SETTINGS: CustomerProfileSettings = {
  resolutionNorm: { minCases: 5, tolerance: 0.25 },
};

/** What is wrong with a combination of settings; empty when they are usable. */
export function customerProfileSettingsProblems(settings: CustomerProfileSettings): string[] {
  const problems: string[] = [];
  const { minCases, tolerance } = settings.resolutionNorm;
  if (!(Number.isInteger(minCases) && minCases >= 1))
    problems.push('resolutionNorm.minCases must be an integer ≥ 1');
  if (!(Number.isFinite(tolerance) && tolerance >= 0)) problems.push('resolutionNorm.tolerance must be ≥ 0');
  return problems;
}
