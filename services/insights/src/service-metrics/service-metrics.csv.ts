import { toCsvDocument } from '../http/csv';
import { ServiceFigures } from './domain/service-figures';
import { ServiceDimension } from './domain/service-groupings';
import { ServiceCaseView, ServiceMetricsRow } from './service-metrics.view';

/** The metric columns of the grouped table, in the order of the JSON. */
export const FIGURE_COLUMNS: ReadonlyArray<keyof ServiceFigures> = [
  'cases',
  'assistedCases',
  'casesByChannel',
  'casesByIssueCode',
  'selfServiceSessions',
  'selfServiceSessionsBeforeCase',
  'customersWithAssistedCase',
  'selfServiceScore',
  'selfServiceAbandoned',
  'selfServiceAbandonRate',
  'firstResponses',
  'medianFirstResponseSeconds',
  'p90FirstResponseSeconds',
  'medianFirstResponseBusinessSeconds',
  'p90FirstResponseBusinessSeconds',
  'resolvedCases',
  'medianResolutionSeconds',
  'p90ResolutionSeconds',
  'medianResolutionBusinessSeconds',
  'p90ResolutionBusinessSeconds',
  'meanHoldSeconds',
  'medianHoldSeconds',
  'abandonedCases',
  'abandonRate',
  'chats',
  'missedChats',
  'missedChatRate',
  'medianChatDurationSeconds',
  'meanChatDurationSeconds',
  'escalatedCases',
  'escalationRate',
  'reopenedCases',
  'reopenRate',
  'reopens',
  'totalCost',
  'costPerCase',
];

/**
 * The grouped table as CSV: the group key, a column per dimension, then every metric (the per-channel
 * and per-issue-code counts as JSON). The total comes last, keyed `total`, its dimensions empty. Pure.
 */
export function serviceMetricsCsv(
  dimensions: readonly ServiceDimension[],
  rows: readonly ServiceMetricsRow[],
  total: ServiceMetricsRow,
): string {
  const header = ['key', ...dimensions, ...FIGURE_COLUMNS];
  const lines = [...rows, total].map((row) => [
    row.key,
    ...dimensions.map((dimension) => row.group[dimension] ?? ''),
    ...FIGURE_COLUMNS.map((column) => row[column]),
  ]);
  return toCsvDocument(header, lines);
}

/** The columns of the row export, one row per case. */
export const CASE_CSV_HEADER = [
  'source',
  'case_id',
  'customer_id',
  'channel',
  'status',
  'agent_id',
  'industry',
  'plan',
  'region',
  'company_size',
  'role',
  'opened_at',
  'first_response_at',
  'resolved_at',
  'first_response_seconds',
  'first_response_business_seconds',
  'resolution_seconds',
  'resolution_business_seconds',
  'hold_seconds',
  'handle_seconds',
  'chat_duration_seconds',
  'abandoned',
  'missed_chat',
  'escalated',
  'reopen_count',
  'cost',
  'self_service_session',
  'self_service_abandoned',
  'issue_code',
  'category',
  'classification_method',
  'confidence',
  'tone',
  'issue_kind',
  'survey_source',
  'survey_response_id',
  'survey_responded_at',
  'csat',
  'nps',
  'ces',
] as const;

function caseCells(item: ServiceCaseView): unknown[] {
  const { metrics: m, classification: c, survey: s, segment } = item;
  return [
    item.source,
    item.caseId,
    item.customerId,
    item.channel,
    item.status,
    item.agentId,
    segment.industry,
    segment.plan,
    segment.region,
    segment.companySize,
    segment.role,
    item.openedAt,
    item.firstResponseAt,
    item.resolvedAt,
    m.firstResponseSeconds,
    m.firstResponseBusinessSeconds,
    m.resolutionSeconds,
    m.resolutionBusinessSeconds,
    m.holdSeconds,
    m.handleSeconds,
    m.chatDurationSeconds,
    m.abandoned,
    m.missedChat,
    m.escalated,
    m.reopenCount,
    m.cost,
    m.selfServiceSession,
    m.selfServiceAbandoned,
    c.issueCode,
    c.category,
    c.method,
    c.confidence,
    c.tone,
    c.issueKind,
    s?.source,
    s?.responseId,
    s?.respondedAt,
    s?.csat,
    s?.nps,
    s?.ces,
  ];
}

/** Cases as CSV lines (no header), CRLF-terminated, for a document or one chunk of a stream. Pure. */
export function caseCsvLines(items: readonly ServiceCaseView[]): string {
  if (items.length === 0) return '';
  const document = toCsvDocument([], items.map(caseCells));
  // toCsvDocument always writes a header line first: drop the empty one.
  return document.slice('\r\n'.length);
}

export function caseCsvHeader(): string {
  return toCsvDocument(CASE_CSV_HEADER, []);
}
