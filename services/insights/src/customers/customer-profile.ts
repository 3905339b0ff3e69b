import { SatisfactionLevel } from '@supportlens/contracts';
import { BoundedCaseWindow, ToneCounts, WindowLabel } from './domain/profile-windows';
import { ResolutionAgainstNorm } from './domain/resolution-norm';
import { Trend } from './domain/trend';

/**
 * A customer profile as the repository returns it and `GET /v1/customers/:id` serves it (the
 * controller adds the customer's open insights). Everything but `updatedAt` and the resolution norms
 * is a function of the customer's own facts; see `services/insights/docs/customer-profile.md` for every field.
 */
export interface CustomerProfile {
  customerId: string;
  /** Each attribute as the latest event that carried it said. */
  segment: Record<string, string>;
  lifetimeValue: number | null;
  consent: Record<string, boolean>;
  cases: { total: number; open: number };
  surveys: { total: number };
  lastCsat: { score: number; at: string } | null;
  lastNps: { score: number; category: string; at: string } | null;
  lastContactAt: string | null;
  /** When the profile was last re-derived (bookkeeping, wall clock). */
  updatedAt: string;
  /** The customer's latest fact (largest event time): where every window ends. */
  asOf: string | null;
  /** Cases opened in the last 7, 30 and 90 days before `asOf`. */
  windows: Record<WindowLabel, BoundedCaseWindow>;
  /** Time to resolution in the 90-day window against the norm of the same issue codes. */
  resolution: ResolutionAgainstNorm;
  /** The last two answers of each measure and the direction between them; null when never answered. */
  satisfaction: {
    csat: Trend<number> | null;
    nps: (Trend<number> & { category: string; previousCategory: string | null }) | null;
    servqualLevel: (Trend<SatisfactionLevel> & { gap: number; previousGap: number | null }) | null;
  };
  /** The tone of the customer's last `of` cases (fewer when they have fewer): `cases` is how many. */
  recentTone: ToneCounts & { cases: number; of: number };
}
