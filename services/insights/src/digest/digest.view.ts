import { CandidateView } from '../candidates/candidates.view';
import { ContentTopicView } from '../content-topics/content-topics.view';
import { PersonaSignalView } from '../persona-signals/persona-signals.view';
import { SatisfactionFigures, SatisfactionTrend } from '../satisfaction/domain/satisfaction-figures';
import { ServiceFigures } from '../service-metrics/domain/service-figures';
import { DigestPeriodKind } from './domain/digest-period';

/** A customer who became at risk of churning in the period (and still is). */
export interface NewlyAtRiskCustomer {
  customerId: string;
  score: number;
  reasons: Array<{ signal: string; points: number; detail: string }>;
  suggestedAction: string | null;
  lifetimeValue: number | null;
  segment: Record<string, string>;
  raisedAt: string;
}

/** One service figure this period against the period before. */
export interface ServiceFigureTrend {
  metric: keyof ServiceFigures;
  current: number | null;
  previous: number | null;
  /** current − previous; null when either is missing. */
  change: number | null;
}

/** `GET /v1/digest`: the period's marketing digest. */
export interface MarketingDigest {
  period: {
    kind: DigestPeriodKind;
    label: string;
    from: string;
    to: string;
    previousFrom: string;
    previousTo: string;
  };
  /** The insight settings version the content topics were ranked with. */
  settingsVersion: number;
  /** The period's content topics, highest score first (rising ones flagged by their status). */
  contentTopics: ContentTopicView[];
  /** Persona signals raised in the period. */
  newPersonaSignals: PersonaSignalView[];
  /** Case-study, reference and focus-group candidates raised in the period and still open. */
  newCandidates: CandidateView[];
  /** Customers newly at risk of churning in the period, highest score first. */
  newlyAtRisk: NewlyAtRiskCustomer[];
  satisfaction: { figures: SatisfactionFigures | null; trend: SatisfactionTrend | null };
  service: { figures: ServiceFigures; trends: ServiceFigureTrend[] };
}
