import { toCsv } from './churn-risk.controller';

describe('churn-risk CSV export', () => {
  it('writes one line per insight, quoting commas and quotes and defusing formulas', () => {
    const csv = toCsv([
      {
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
      },
    ]);
    expect(csv.split('\r\n')).toEqual([
      'customer_id,score,top_reasons,suggested_action,lifetime_value,industry,raised_at,updated_at',
      `cust-1,93,detractor (18); reopened_cases (15),"Call, ""soon""",5000,'=cmd(),2032-04-25T10:00:00.000Z,2032-04-25T10:00:00.000Z`,
      '',
    ]);
  });
});
