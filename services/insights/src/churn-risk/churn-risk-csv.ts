import { toCsvDocument } from '../http/csv';
import { ChurnRiskListItem } from './churn-risk.view';

export const CHURN_RISK_CSV_HEADER = [
  'customer_id',
  'score',
  'top_reasons',
  'suggested_action',
  'lifetime_value',
  'industry',
  'raised_at',
  'updated_at',
];

/** Added after the columns above when the export holds cleared insights too (`status=all`). */
export const CHURN_RISK_STATUS_CSV_COLUMNS = ['status', 'cleared_at'];

/**
 * One line per insight, the reasons as `signal (points)`. The columns of the open list are the ones
 * this export always had; `withStatus` adds `status` and `cleared_at`. Pure.
 */
export function churnRiskCsv(
  items: ReadonlyArray<Omit<ChurnRiskListItem, 'status' | 'clearedAt'> & Partial<ChurnRiskListItem>>,
  { withStatus = false }: { withStatus?: boolean } = {},
): string {
  const header = withStatus
    ? [...CHURN_RISK_CSV_HEADER, ...CHURN_RISK_STATUS_CSV_COLUMNS]
    : CHURN_RISK_CSV_HEADER;
  const rows = items.map((item) => {
    const row: unknown[] = [
      item.customerId,
      item.score,
      item.reasons.map((reason) => `${reason.signal} (${reason.points})`).join('; '),
      item.suggestedAction,
      item.lifetimeValue,
      item.segment.industry,
      item.raisedAt,
      item.updatedAt,
    ];
    return withStatus ? [...row, item.status, item.clearedAt] : row;
  });
  return toCsvDocument(header, rows);
}
