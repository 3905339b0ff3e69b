import { ValidationProblemException } from '@supportlens/platform';
import { AppliedBatch, StoredCaseRow } from '../read-models/applied-batch';
import { filterOf } from './persona-signals.controller';
import { touchedSegments } from './persona-signals.detector';
import { personaSignalsCsv } from './persona-signals-csv';
import { PersonaSignalsQuery } from './persona-signals.query';
import { PersonaSignalView } from './persona-signals.view';

const query = (fields: Partial<PersonaSignalsQuery>): PersonaSignalsQuery =>
  Object.assign(new PersonaSignalsQuery(), fields);

describe('filterOf', () => {
  const now = new Date('2051-07-01T00:00:00Z');

  it('defaults to open signals of every segment, strongest first', () => {
    expect(filterOf(query({}), now)).toEqual({
      openOnly: true,
      segment: {},
      dimension: null,
      item: null,
      minScore: 0,
      minEffect: 0,
      changedFrom: null,
      changedBefore: null,
      sort: 'score',
      limit: 50,
      cursor: undefined,
    });
  });

  it('takes segment values (all must hold), an issue code (which implies the issue dimension), a period before `to`', () => {
    const filter = filterOf(
      query({
        'segment.industry': 'retail',
        'segment.companySize': '51-200',
        issueCode: 'billing.refund',
        period: 'week',
        to: '2051-06-30T00:00:00Z',
        status: 'all',
        sort: 'recent',
      }),
      now,
    );
    expect(filter).toMatchObject({
      openOnly: false,
      segment: { industry: 'retail', companySize: '51-200' },
      dimension: 'issue',
      item: 'billing.refund',
      changedFrom: new Date('2051-06-23T00:00:00Z'),
      changedBefore: new Date('2051-06-30T00:00:00Z'),
      sort: 'recent',
    });
    expect(filterOf(query({ period: 'day' }), now).changedFrom).toEqual(new Date('2051-06-30T00:00:00Z'));
  });

  it('refuses contradictions with a 400 naming the fields', () => {
    const refused = (fields: Partial<PersonaSignalsQuery>): string[] => {
      try {
        filterOf(query(fields), now);
      } catch (error) {
        expect(error).toBeInstanceOf(ValidationProblemException);
        return (error as ValidationProblemException).errors.map((e) => e.field);
      }
      throw new Error('accepted');
    };
    expect(refused({ period: 'week', from: '2051-06-01T00:00:00Z' })).toEqual(['from']);
    expect(refused({ from: '2051-06-02T00:00:00Z', to: '2051-06-01T00:00:00Z' })).toEqual(['to']);
    expect(refused({ issueCode: 'x', dimension: 'channel' })).toEqual(['dimension']);
    expect(refused({ issueCode: 'x', channel: 'chat' })).toEqual(['channel']);
    // Segment filters must all hold: only one attribute or a listed pair can.
    expect(refused({ 'segment.industry': 'retail', 'segment.plan': 'pro' })).toEqual(['segment.plan']);
    expect(
      refused({ 'segment.industry': 'retail', 'segment.companySize': '51-200', 'segment.role': 'cfo' }),
    ).toEqual(['segment.role']);
  });
});

describe('personaSignalsCsv', () => {
  it('one line per signal with the headline comparison’s test and counts, quoted and defused', () => {
    const view: PersonaSignalView = {
      key: 'industry==cmd|issue|x',
      status: 'open',
      segment: { attribute: 'industry', value: '=cmd' },
      dimension: 'issue',
      item: 'x',
      headline: 'base',
      direction: 'higher',
      sentence:
        '=cmd (industry) asks 3.0× more about x than the rest of the base (30.0% of its cases vs 10.0%), up 200% month on month',
      score: 4.15,
      effectSize: 0.5158,
      ratio: 3,
      differencePoints: 20,
      comparisons: [
        {
          against: 'base',
          test: 'two-proportion-z',
          statistic: 4.3818,
          pValue: 1.17713e-5,
          adjustedPValue: 7.0628e-5,
          segment: { count: 30, total: 100, share: 0.3 },
          reference: { count: 20, total: 200, share: 0.1 },
          ratio: 3,
          differencePoints: 20,
          differenceInterval: { low: 10.51, high: 30.18, level: 0.95 },
          cohensH: 0.5158,
          direction: 'higher',
          carries: true,
        },
      ],
      familySize: 6,
      window: { start: '2051-06-01', end: '2051-07-01' },
      raisedAt: '2051-06-30T12:00:00.000Z',
      updatedAt: '2051-06-30T12:00:00.000Z',
      clearedAt: null,
      version: 1,
    };
    const pair: PersonaSignalView = {
      ...view,
      key: 'industry+companySize=["retail","51-200"]|issue|x',
      segment: { attribute: 'industry', value: 'retail', and: { attribute: 'companySize', value: '51-200' } },
      sentence: 'retail (industry) × 51-200 (company size) asks 3.0× more about x',
    };
    const lines = personaSignalsCsv([view, pair]).split('\r\n');
    expect(lines[0]).toContain(',attribute,segment_value,and_attribute,and_value,');
    expect(lines[1]).toBe(
      `industry==cmd|issue|x,open,industry,'=cmd,,,issue,x,base,higher,"'=cmd (industry) asks 3.0× more about x than the rest of the base (30.0% of its cases vs 10.0%), up 200% month on month",4.15,3,20,0.5158,two-proportion-z,0.0000117713,0.000070628,30,100,20,200,2051-06-01,2051-07-01,2051-06-30T12:00:00.000Z,2051-06-30T12:00:00.000Z,`,
    );
    expect(lines[2]).toMatch(
      /^"industry\+companySize=\[""retail"",""51-200""\]\|issue\|x",open,industry,retail,companySize,51-200,issue,/,
    );
    expect(lines).toHaveLength(4);
  });
});

describe('touchedSegments', () => {
  const caseRow = (segment: Record<string, string> | undefined): StoredCaseRow =>
    ({ customer: segment === undefined ? {} : { segment } }) as unknown as StoredCaseRow;

  it('the segments before and after each change, once each, sorted', () => {
    const batch = {
      caseChanges: [
        {
          before: caseRow({ industry: 'retail' }),
          after: caseRow({ industry: 'banking', plan: 'pro', role: 'cfo' }),
        },
        { before: null, after: caseRow({ industry: 'retail', region: '' }) },
        { before: null, after: caseRow(undefined) },
      ],
      surveyChanges: [],
    } as unknown as AppliedBatch;
    // Sorted by key: `industry+role=…` before `industry=…`.
    expect(touchedSegments(batch)).toEqual([
      { attribute: 'industry', value: 'banking', and: { attribute: 'role', value: 'cfo' } },
      { attribute: 'industry', value: 'banking' },
      { attribute: 'industry', value: 'retail' },
      { attribute: 'plan', value: 'pro' },
      { attribute: 'role', value: 'cfo' },
    ]);
  });
});
