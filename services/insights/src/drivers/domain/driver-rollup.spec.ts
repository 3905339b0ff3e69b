import fc from 'fast-check';
import { SatisfactionResponse } from '../../satisfaction/domain/satisfaction-response';
import { DRIVER_COUNTS, driverDeltas, DriverRollupRow, driverRowsOf } from './driver-rollup';

const aResponse = (overrides: Partial<SatisfactionResponse> = {}): SatisfactionResponse => ({
  day: '2031-03-03',
  segment: {},
  channel: null,
  issueCode: null,
  agentId: null,
  scores: { csat: 5, nps: 9 },
  ...overrides,
});

const key = (row: DriverRollupRow) =>
  `${row.sliceKind}=${row.sliceValue} ${row.day} ${row.themeKind}=${row.themeValue}`;

/** Non-zero counts per key, as the table would hold them after adding the rows. */
function net(rows: DriverRollupRow[]): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const row of rows) {
    const sums = (out[key(row)] ??= {});
    for (const c of DRIVER_COUNTS) sums[c] = (sums[c] ?? 0) + row.counts[c];
  }
  for (const [k, sums] of Object.entries(out)) {
    for (const c of DRIVER_COUNTS) if (sums[c] === 0) delete sums[c];
    if (Object.keys(sums).length === 0) delete out[k];
  }
  return out;
}

describe('driverRowsOf', () => {
  it('adds a response to every (slice, theme) pair it belongs to', () => {
    const rows = driverRowsOf(
      aResponse({
        segment: { industry: 'retail' },
        channel: 'chat',
        issueCode: 'billing.refund',
        agentId: 'agent-1', // agents are neither slices nor themes
        scores: { csat: 2, nps: 3, ratings: { speedOfResolution: 1, professionalism: 4 } },
      }),
    );
    // Slices: all, industry, channel (3) × themes: all, issue code, speed low, professionalism high (4).
    expect(rows.map(key).sort()).toEqual(
      ['channel=chat', 'none=all', 'segment.industry=retail']
        .flatMap((slice) =>
          [
            'issueCode=billing.refund',
            'none=all',
            'rating.professionalism=high',
            'rating.speedOfResolution=low',
          ].map((theme) => `${slice} 2031-03-03 ${theme}`),
        )
        .sort(),
    );
    expect(rows[0].counts).toEqual({
      responses: 1,
      csatResponses: 1,
      csatSatisfied: 0,
      npsResponses: 1,
      npsPromoters: 0,
      npsPassives: 0,
      npsDetractors: 1,
    });
  });

  it('counts a response without CSAT or NPS as a response only', () => {
    const [row] = driverRowsOf(aResponse({ scores: { ces: 6 } }));
    expect(row.counts).toMatchObject({ responses: 1, csatResponses: 0, npsResponses: 0 });
  });
});

describe('driverDeltas', () => {
  it('moves a reclassified response from one issue code to the other, in every slice', () => {
    const before = aResponse({ segment: { plan: 'pro' }, issueCode: 'a', scores: { csat: 4 } });
    const after = { ...before, issueCode: 'b' };
    expect(net(driverDeltas([{ before, after }]))).toEqual({
      'none=all 2031-03-03 issueCode=a': { responses: -1, csatResponses: -1, csatSatisfied: -1 },
      'none=all 2031-03-03 issueCode=b': { responses: 1, csatResponses: 1, csatSatisfied: 1 },
      'segment.plan=pro 2031-03-03 issueCode=a': { responses: -1, csatResponses: -1, csatSatisfied: -1 },
      'segment.plan=pro 2031-03-03 issueCode=b': { responses: 1, csatResponses: 1, csatSatisfied: 1 },
    });
  });

  it('writes nothing for an unchanged response, or for a change drivers do not count (CES)', () => {
    const response = aResponse({ issueCode: 'a', scores: { csat: 4, ces: 2 } });
    expect(driverDeltas([{ before: response, after: { ...response } }])).toEqual([]);
    expect(driverDeltas([{ before: response, after: { ...response, scores: { csat: 4, ces: 7 } } }])).toEqual(
      [],
    );
  });

  it('gives one row per key, netted', () => {
    const a = aResponse({ scores: { nps: 10 } });
    const b = aResponse({ scores: { nps: 0 } });
    const rows = driverDeltas([
      { before: null, after: a },
      { before: null, after: b },
    ]);
    expect(rows).toHaveLength(1);
    expect(rows[0].counts).toMatchObject({
      responses: 2,
      npsResponses: 2,
      npsPromoters: 1,
      npsDetractors: 1,
    });
  });

  it('sums to the rows of the last version whatever the sequence of versions (property)', () => {
    const version = fc.record<SatisfactionResponse>({
      day: fc.constantFrom('2031-03-03', '2031-03-04'),
      segment: fc.record({ industry: fc.constantFrom('retail', 'saas') }, { requiredKeys: [] }),
      channel: fc.constantFrom('chat', null),
      issueCode: fc.constantFrom('a', 'b', null),
      agentId: fc.constant(null),
      scores: fc.record(
        {
          csat: fc.integer({ min: 1, max: 5 }),
          nps: fc.integer({ min: 0, max: 10 }),
          ratings: fc.record({ speedOfResolution: fc.integer({ min: 1, max: 5 }) }, { requiredKeys: [] }),
        },
        { requiredKeys: [] },
      ),
    });
    fc.assert(
      fc.property(fc.array(version, { minLength: 1, maxLength: 6 }), (versions) => {
        const applied = driverDeltas(
          versions.map((after, i) => ({ before: i === 0 ? null : versions[i - 1], after })),
        );
        expect(net(applied)).toEqual(net(driverRowsOf(versions[versions.length - 1])));
      }),
    );
  });
});
