import { ErasedCaseFact, erasedCaseTextChanges } from './erased-case-text';

describe('erasedCaseTextChanges', () => {
  const fact = (overrides: Partial<ErasedCaseFact>): ErasedCaseFact => ({
    source: 'zendesk',
    case_id: 'c-1',
    event_time: new Date('2030-05-01T10:00:00Z'),
    customer_id: 'cust-1',
    customer: { segment: { industry: 'retail' } },
    channel: 'chat',
    issue_code: 'unclassified',
    classification_method: 'unclassified',
    confidence: 0.3,
    opened_at: new Date('2030-05-01T09:00:00Z'),
    escalated: false,
    reopen_count: 0,
    tone: 'neutral',
    issue_kind: 'other',
    phrasing: '  PDF export   fails  ',
    terms: ['pdf', 'export', 'pdf export'],
    ...overrides,
  });

  it('takes a term-pool case’s terms out of term_daily and leaves its case counts alone', () => {
    const changes = erasedCaseTextChanges([fact({})]);

    expect(changes.windows.caseDaily).toEqual([]);
    expect(changes.windows.groupDaily).toEqual([]);
    expect(changes.windows.termDaily).toEqual(
      expect.arrayContaining([
        { term: 'pdf', day: '2030-05-01', cases: -1, howToCases: 0 },
        { term: 'export', day: '2030-05-01', cases: -1, howToCases: 0 },
        { term: 'pdf export', day: '2030-05-01', cases: -1, howToCases: 0 },
      ]),
    );
    expect(changes.windows.termDaily).toHaveLength(3);
    // The issue code's topic and each term's topic may quote the phrasing.
    expect(changes.topicKeys).toEqual(['issue:unclassified', 'term:export', 'term:pdf', 'term:pdf export']);
    // As an example quotes it: white space collapsed and trimmed.
    expect(changes.examples).toEqual(['PDF export fails']);
  });

  it('changes no window for a confidently coded case (its terms were never counted)', () => {
    const changes = erasedCaseTextChanges([
      fact({ issue_code: 'billing.invoice', classification_method: 'model', confidence: 0.95 }),
      fact({ case_id: 'c-2', issue_code: 'billing.invoice', phrasing: null, terms: null }),
    ]);

    expect(changes.windows).toEqual({ caseDaily: [], termDaily: [], groupDaily: [] });
    expect(changes.topicKeys).toEqual(['issue:billing.invoice']);
    expect(changes.examples).toEqual(['PDF export fails']);
  });
});
