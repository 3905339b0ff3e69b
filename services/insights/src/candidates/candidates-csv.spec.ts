import { candidatesCsv } from './candidates-csv';
import { CandidateView } from './candidates.view';

const candidate: CandidateView = {
  customerId: 'cust-1',
  score: 82,
  scoreParts: { satisfaction: 40, recency: 19.66, value: 20, tenure: 0.03, engagement: 2 },
  programmes: ['caseStudy', 'focusGroup'],
  segment: { industry: 'retail', region: 'emea' },
  lifetimeValue: 10_000,
  evidence: {
    satisfaction: [
      {
        measure: 'nps',
        value: 10,
        level: 'promoter',
        responseId: 'resp-1',
        source: 'qualtrics',
        respondedAt: '2032-05-02T10:00:00.000Z',
        delighted: true,
        unhappy: false,
        detail: 'last NPS 10 (promoter) on 2032-05-02',
      },
    ],
    resolvedCase: {
      caseId: 'case-1',
      source: 'zendesk',
      issueCode: 'billing.invoice',
      channel: 'chat',
      openedAt: '2032-05-01T09:00:00.000Z',
      resolvedAt: '2032-05-01T09:30:00.000Z',
      resolutionHours: 0.5,
      ageDays: 1.02,
    },
    surveysAnswered: 1,
    firstSeenAt: '2032-05-01T09:00:00.000Z',
  },
  raisedAt: '2032-05-02T10:00:00.000Z',
  updatedAt: '2032-05-02T10:00:00.000Z',
  version: 1,
};

describe('candidatesCsv', () => {
  it('writes one row per candidate with the evidence in words', () => {
    expect(candidatesCsv([candidate]).split('\r\n')).toEqual([
      'customer_id,score,programmes,industry,plan,region,company_size,role,satisfaction,resolved_case_id,issue_code,resolved_at,resolution_hours,lifetime_value,raised_at,updated_at',
      'cust-1,82,caseStudy; focusGroup,retail,,emea,,,last NPS 10 (promoter) on 2032-05-02,case-1,billing.invoice,2032-05-01T09:30:00.000Z,0.5,10000,2032-05-02T10:00:00.000Z,2032-05-02T10:00:00.000Z',
      '',
    ]);
  });

  it('adds the segment value a focus-group member was drawn for, empty for none', () => {
    const lines = candidatesCsv([
      { ...candidate, stratum: 'retail' },
      { ...candidate, customerId: 'cust-2', stratum: null },
    ]).split('\r\n');
    expect(lines[0]).toMatch(/,updated_at,drawn_for$/);
    expect(lines[1]).toMatch(/,retail$/);
    expect(lines[2]).toMatch(/^cust-2,.*Z,$/);
  });

  it('gives a candidate without a case resolved well empty case columns', () => {
    const line = candidatesCsv([
      { ...candidate, evidence: { ...candidate.evidence, resolvedCase: null } },
    ]).split('\r\n')[1];
    expect(line).toContain('on 2032-05-02,,,,,10000,');
  });
});
