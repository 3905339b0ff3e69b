import { churnRiskCsv } from './churn-risk-csv';
import { ChurnRiskListItem } from './churn-risk.view';

const insight: ChurnRiskListItem = {
  customerId: 'cust-1',
  score: 93,
  reasons: [
    { signal: 'detractor', points: 18, detail: 'last NPS 3 (detractor)' },
    { signal: 'reopened_cases', points: 15, detail: '3 reopens' },
  ],
  suggestedAction: 'Call, "soon"',
  lifetimeValue: 5000,
  segment: { industry: '=cmd()' },
  raisedAt: '2032-04-25T10:00:00.000Z',
  updatedAt: '2032-04-25T10:00:00.000Z',
  version: 1,
  status: 'open',
  clearedAt: null,
};

describe('churn-risk CSV export', () => {
  it('writes one line per insight, quoting commas and quotes and defusing formulas', () => {
    expect(churnRiskCsv([insight]).split('\r\n')).toEqual([
      'customer_id,score,top_reasons,suggested_action,lifetime_value,industry,raised_at,updated_at',
      `cust-1,93,detractor (18); reopened_cases (15),"Call, ""soon""",5000,'=cmd(),2032-04-25T10:00:00.000Z,2032-04-25T10:00:00.000Z`,
      '',
    ]);
  });

  it('leaves unknown values empty', () => {
    const csv = churnRiskCsv([{ ...insight, suggestedAction: null, lifetimeValue: null, segment: {} }]);
    expect(csv.split('\r\n')[1]).toBe(
      'cust-1,93,detractor (18); reopened_cases (15),,,,2032-04-25T10:00:00.000Z,2032-04-25T10:00:00.000Z',
    );
  });

  it('adds the status and the clearing time when the export holds cleared insights too', () => {
    const cleared: ChurnRiskListItem = {
      ...insight,
      score: 4,
      reasons: [],
      suggestedAction: null,
      status: 'cleared',
      clearedAt: '2032-08-01T10:00:00.000Z',
      updatedAt: '2032-08-01T10:00:00.000Z',
    };
    expect(churnRiskCsv([insight, cleared], { withStatus: true }).split('\r\n')).toEqual([
      'customer_id,score,top_reasons,suggested_action,lifetime_value,industry,raised_at,updated_at,status,cleared_at',
      `cust-1,93,detractor (18); reopened_cases (15),"Call, ""soon""",5000,'=cmd(),2032-04-25T10:00:00.000Z,2032-04-25T10:00:00.000Z,open,`,
      `cust-1,4,,,5000,'=cmd(),2032-04-25T10:00:00.000Z,2032-08-01T10:00:00.000Z,cleared,2032-08-01T10:00:00.000Z`,
      '',
    ]);
  });
});
