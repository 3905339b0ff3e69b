import { ServiceFigures } from './domain/service-figures';
import { ServiceDimension, ServicePeriod } from './domain/service-groupings';

/** One group of the service-metrics table: its label, its value per dimension, and every metric. */
export interface ServiceMetricsRow extends ServiceFigures {
  /** The group's values joined with `|` (`chat`, `2026-11-02|chat`); `total` for the total row. */
  key: string;
  /** The group's value per dimension (`{ period: '2026-11-02', channel: 'chat' }`); empty for the total. */
  group: Partial<Record<ServiceDimension, string>>;
}

/** The answer of `GET /v1/metrics/service`. */
export interface ServiceMetricsReport {
  /** Cases opened in `[from, to)`. */
  from: string;
  to: string;
  groupBy: ServiceDimension[];
  period: ServicePeriod;
  /** The filters applied (absent: not filtered). */
  filters: Record<string, string>;
  /** The calendar the business-hours figures were measured with (settings version and time zone). */
  businessCalendar: { version: number; timeZone: string };
  /** One row per group that has cases, ordered by the group values. */
  rows: ServiceMetricsRow[];
  /** The same metrics over every case of the range and filters. */
  total: ServiceMetricsRow;
}

/** One case of the row export, with its metrics, classification and linked survey. */
export interface ServiceCaseView {
  source: string;
  caseId: string;
  customerId: string;
  channel: string;
  status: string;
  agentId: string | null;
  segment: Record<string, string>;
  openedAt: string;
  firstResponseAt: string | null;
  resolvedAt: string | null;
  metrics: {
    firstResponseSeconds: number | null;
    firstResponseBusinessSeconds: number | null;
    /** Only for a case solved or closed now. */
    resolutionSeconds: number | null;
    resolutionBusinessSeconds: number | null;
    holdSeconds: number | null;
    handleSeconds: number | null;
    /** `handleSeconds` of a chat that was not missed. */
    chatDurationSeconds: number | null;
    abandoned: boolean | null;
    /** Only on chats. */
    missedChat: boolean | null;
    escalated: boolean | null;
    reopenCount: number | null;
    cost: number | null;
    /** The case is a self-service session, or records one before it. */
    selfServiceSession: boolean;
    selfServiceAbandoned: boolean | null;
  };
  classification: {
    issueCode: string;
    category: string;
    method: string;
    confidence: number;
    tone: string | null;
    issueKind: string | null;
  };
  /** The latest transactional survey response about this case (its `caseId`), or null. */
  survey: {
    source: string;
    responseId: string;
    respondedAt: string;
    csat: number | null;
    nps: number | null;
    ces: number | null;
  } | null;
}

export interface ServiceCasesPage {
  items: ServiceCaseView[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
  businessCalendar: { version: number; timeZone: string };
}
