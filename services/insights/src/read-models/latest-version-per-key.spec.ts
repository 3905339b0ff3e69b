import { FactRow } from './fact-row';
import { latestVersionPerKey } from './latest-version-per-key';

const version = (caseId: string, eventTime: string, status: string): FactRow => ({
  event_id: `${caseId}-${status}-${eventTime}`,
  customer_id: 'c',
  source: 'zendesk',
  case_id: caseId,
  event_time: eventTime,
  status,
});

describe('latestVersionPerKey', () => {
  it('keeps the newest version even when an older one arrives after it', () => {
    const rows = [
      version('A', '2026-11-02T11:00:00.000Z', 'open'),
      version('A', '2026-11-02T09:30:00.000Z', 'solved'),
      version('B', '2026-11-02T08:00:00.000Z', 'open'),
    ];
    expect(latestVersionPerKey(rows, ['source', 'case_id']).map((r) => `${r.case_id}:${r.status}`)).toEqual([
      'A:open',
      'B:open',
    ]);
  });

  it('lets the later arrival win a tie, as the database guard does', () => {
    const rows = [
      version('A', '2026-11-02T09:00:00.000Z', 'open'),
      version('A', '2026-11-02T09:00:00.000Z', 'pending'),
    ];
    expect(latestVersionPerKey(rows, ['source', 'case_id']).map((r) => r.status)).toEqual(['pending']);
  });
});
