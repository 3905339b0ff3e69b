import { toCsvDocument } from '../http/csv';
import { CandidateView } from './candidates.view';

const CSV_HEADER = [
  'customer_id',
  'score',
  'programmes',
  'industry',
  'plan',
  'region',
  'company_size',
  'role',
  'satisfaction',
  'resolved_case_id',
  'issue_code',
  'resolved_at',
  'resolution_hours',
  'lifetime_value',
  'raised_at',
  'updated_at',
];

/** One row per candidate, the evidence in words; a focus group adds the segment value it was drawn for. Pure. */
export function candidatesCsv(items: ReadonlyArray<CandidateView & { stratum?: string | null }>): string {
  const withStratum = items.some((item) => item.stratum !== undefined);
  const header = withStratum ? [...CSV_HEADER, 'drawn_for'] : CSV_HEADER;
  const rows = items.map((item) => {
    const resolved = item.evidence.resolvedCase;
    const row: unknown[] = [
      item.customerId,
      item.score,
      item.programmes.join('; '),
      item.segment.industry,
      item.segment.plan,
      item.segment.region,
      item.segment.companySize,
      item.segment.role,
      item.evidence.satisfaction.map((answer) => answer.detail).join('; '),
      resolved?.caseId,
      resolved?.issueCode,
      resolved?.resolvedAt,
      resolved?.resolutionHours,
      item.lifetimeValue,
      item.raisedAt,
      item.updatedAt,
    ];
    return withStratum ? [...row, item.stratum] : row;
  });
  return toCsvDocument(header, rows);
}
