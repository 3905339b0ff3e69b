import { StoredCaseRow } from '../read-models/applied-batch';
import { batchWindowDeltas } from './batch-window-deltas';

function storedCase(overrides: Partial<StoredCaseRow> = {}): StoredCaseRow {
  return {
    source: 'zendesk',
    case_id: 'c-1',
    event_time: new Date('2026-11-02T10:00:00Z'),
    customer_id: 'cust-1',
    customer: { segment: { industry: 'retail' } },
    channel: 'chat',
    issue_code: 'billing.invoice',
    classification_method: 'model',
    confidence: 0.9,
    opened_at: new Date('2026-11-02T09:00:00Z'),
    issue_kind: 'how_to',
    escalated: false,
    reopen_count: 0,
    tone: 'neutral',
    terms: ['invoice'],
    ...overrides,
  };
}

describe('batchWindowDeltas', () => {
  it('nets a batch’s changes into window rows: the new version in, the stored one out', () => {
    const deltas = batchWindowDeltas({
      caseChanges: [
        { before: null, after: storedCase() },
        {
          before: storedCase({ case_id: 'c-2', channel: 'email' }),
          after: storedCase({ case_id: 'c-2', channel: 'chat' }),
        },
      ],
    });
    const all = deltas.caseDaily.filter((row) => row.groupKind === 'none');
    expect(all.map((row) => [row.channel, row.cases, row.howToCases])).toEqual([
      ['chat', 2, 2],
      ['email', -1, -1],
    ]);
    expect(deltas.groupDaily.find((row) => row.groupKind === 'none')?.cases).toBe(1);
  });

  it('works a batch out once: the steps of one write share the same rows', () => {
    const batch = { caseChanges: [{ before: null, after: storedCase() }] };
    const first = batchWindowDeltas(batch);
    expect(batchWindowDeltas(batch)).toBe(first);
    expect(batchWindowDeltas({ caseChanges: [...batch.caseChanges] })).not.toBe(first);
    expect(batchWindowDeltas({ caseChanges: [...batch.caseChanges] })).toEqual(first);
  });
});
