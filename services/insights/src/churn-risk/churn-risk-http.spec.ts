import { ValidationProblemException } from '@supportlens/platform';
import { filterOf } from './churn-risk.controller';
import { ChurnRiskQuery } from './churn-risk.query';

const query = (fields: Partial<ChurnRiskQuery>): ChurnRiskQuery =>
  Object.assign(new ChurnRiskQuery(), fields);

describe('churn-risk filterOf', () => {
  const now = new Date('2032-07-01T00:00:00Z');

  it('defaults to open insights of every segment, highest score first, 50 a page', () => {
    expect(filterOf(query({}), now)).toEqual({
      openOnly: true,
      segment: {},
      issueCode: null,
      minScore: 0,
      changedFrom: null,
      changedBefore: null,
      sort: 'score',
      limit: 50,
      cursor: undefined,
    });
  });

  it('takes every segment attribute, the issue code, the status, the sort and a period before `to`', () => {
    expect(
      filterOf(
        query({
          'segment.industry': 'retail',
          'segment.plan': 'pro',
          'segment.region': 'emea',
          'segment.companySize': '51-200',
          'segment.role': 'admin',
          issueCode: 'billing.refund',
          minScore: 60,
          status: 'all',
          sort: 'recent',
          period: 'week',
          to: '2032-06-30T00:00:00Z',
          limit: 10,
          cursor: 'abc',
        }),
        now,
      ),
    ).toEqual({
      openOnly: false,
      segment: { industry: 'retail', plan: 'pro', region: 'emea', companySize: '51-200', role: 'admin' },
      issueCode: 'billing.refund',
      minScore: 60,
      changedFrom: new Date('2032-06-23T00:00:00Z'),
      changedBefore: new Date('2032-06-30T00:00:00Z'),
      sort: 'recent',
      limit: 10,
      cursor: 'abc',
    });
  });

  it('counts a period back from now when there is no `to`', () => {
    expect(filterOf(query({ period: 'month' }), now)).toMatchObject({
      changedFrom: new Date('2032-06-01T00:00:00Z'),
      changedBefore: null,
    });
  });

  it('refuses a period with a from, and a range that ends before it starts, naming the fields', () => {
    const fieldsOf = (fields: Partial<ChurnRiskQuery>): string[] => {
      try {
        filterOf(query(fields), now);
      } catch (error) {
        if (error instanceof ValidationProblemException) return error.errors.map((e) => e.field);
        throw error;
      }
      throw new Error('expected a validation problem');
    };
    expect(fieldsOf({ period: 'day', from: '2032-06-01T00:00:00Z' })).toEqual(['from']);
    expect(fieldsOf({ from: '2032-06-02T00:00:00Z', to: '2032-06-01T00:00:00Z' })).toEqual(['to']);
    expect(fieldsOf({ period: 'week', from: '2032-06-01T00:00:00Z', to: '2032-05-01T00:00:00Z' })).toEqual([
      'from',
    ]);
  });
});
