import fc from 'fast-check';
import { contributionDeltas } from './contribution-deltas';
import { RollupRow } from './response-contribution';
import { addMeasures, SatisfactionMeasures, zeroMeasures } from './satisfaction-measures';
import { SatisfactionResponse } from './satisfaction-response';

const aResponse = (overrides: Partial<SatisfactionResponse> = {}): SatisfactionResponse => ({
  day: '2031-03-03',
  segment: {},
  channel: 'chat',
  issueCode: null,
  agentId: null,
  scores: { csat: 5, nps: 9 },
  ...overrides,
});

/** The deltas summed per key, as the database statement does; rows that net to nothing are left out. */
function net(rows: RollupRow[]): Record<string, Partial<SatisfactionMeasures>> {
  const sums = new Map<string, SatisfactionMeasures>();
  for (const row of rows) {
    const key = `${row.day} ${row.groupKind}=${row.groupValue}`;
    sums.set(key, addMeasures(sums.get(key) ?? zeroMeasures(), row.measures));
  }
  const out: Record<string, Partial<SatisfactionMeasures>> = {};
  for (const [key, measures] of sums) {
    const nonZero = Object.fromEntries(Object.entries(measures).filter(([, v]) => v !== 0));
    if (Object.keys(nonZero).length > 0) out[key] = nonZero;
  }
  return out;
}

describe('contributionDeltas', () => {
  it('adds a new response to each of its groups', () => {
    const deltas = contributionDeltas([{ before: null, after: aResponse({ scores: { csat: 4, nps: 10 } }) }]);
    expect(net(deltas)).toEqual({
      '2031-03-03 none=all': {
        responses: 1,
        csatResponses: 1,
        csatSatisfied: 1,
        csatSum: 4,
        npsResponses: 1,
        npsPromoters: 1,
      },
      '2031-03-03 channel=chat': {
        responses: 1,
        csatResponses: 1,
        csatSatisfied: 1,
        csatSum: 4,
        npsResponses: 1,
        npsPromoters: 1,
      },
    });
  });

  it('replaces a corrected response: −old +new, netting to the difference only', () => {
    // Old: NPS 9 (promoter), CSAT 5. New: NPS 3 (detractor), CSAT 5.
    // none=all: promoters 1 − 1 = 0 → −1, detractors 0 + 1 = +1; responses −1 + 1 = 0; csat −5 + 5 = 0.
    const before = aResponse({ scores: { csat: 5, nps: 9 } });
    const after = aResponse({ scores: { csat: 5, nps: 3 } });
    const deltas = contributionDeltas([{ before, after }]);
    expect(net(deltas)).toEqual({
      '2031-03-03 none=all': { npsPromoters: -1, npsDetractors: 1 },
      '2031-03-03 channel=chat': { npsPromoters: -1, npsDetractors: 1 },
    });
    // The statement sums −old and +new per row; every count and sum of the unchanged CSAT cancels.
    expect(deltas.every((row) => row.measures.responses === 1 || row.measures.responses === -1)).toBe(true);
  });

  it('moves a response whose case was reclassified: out of the old issue code, into the new one', () => {
    // Same scores, issue code billing.invoice → billing.refund: the none and channel rows do not change
    // and give no delta row at all; billing.invoice loses the response, billing.refund gains it.
    const before = aResponse({ issueCode: 'billing.invoice', agentId: 'agent-1', scores: { nps: 10 } });
    const after = { ...before, issueCode: 'billing.refund' };
    const deltas = contributionDeltas([{ before, after }]);
    expect(deltas.map((r) => `${r.groupKind}=${r.groupValue} ${r.measures.responses}`).sort()).toEqual([
      'issueCode=billing.invoice -1',
      'issueCode=billing.refund 1',
    ]);
    expect(net(deltas)).toEqual({
      '2031-03-03 issueCode=billing.invoice': { responses: -1, npsResponses: -1, npsPromoters: -1 },
      '2031-03-03 issueCode=billing.refund': { responses: 1, npsResponses: 1, npsPromoters: 1 },
    });
  });

  it('moves a response to another day when its respondedAt is corrected', () => {
    const before = aResponse({ scores: { ces: 6 } });
    const after = aResponse({ day: '2031-03-04', scores: { ces: 6 } });
    expect(net(contributionDeltas([{ before, after }]))).toEqual({
      '2031-03-03 none=all': { responses: -1, cesResponses: -1, cesSum: -6, cesLowEffort: -1 },
      '2031-03-03 channel=chat': { responses: -1, cesResponses: -1, cesSum: -6, cesLowEffort: -1 },
      '2031-03-04 none=all': { responses: 1, cesResponses: 1, cesSum: 6, cesLowEffort: 1 },
      '2031-03-04 channel=chat': { responses: 1, cesResponses: 1, cesSum: 6, cesLowEffort: 1 },
    });
  });

  it('gives nothing when nothing that counts changed', () => {
    const response = aResponse({ issueCode: 'x', segment: { plan: 'pro' } });
    expect(contributionDeltas([{ before: response, after: { ...response } }])).toEqual([]);
  });

  it('subtracts exactly what was added (floating-point values are negated, never re-computed)', () => {
    const servqual = {
      dimensions: [{ dimension: 'reliability' as const, gap: 1 / 3 }],
      weightedGap: 0.1 + 0.2,
      qualityIndex: 52.77777777777778,
      level: 'satisfied' as const,
    };
    const response = aResponse({ scores: { servqual } });
    const added = contributionDeltas([{ before: null, after: response }]);
    const removed = contributionDeltas([{ before: response, after: null }]);
    expect(net([...added, ...removed])).toEqual({});
  });

  it('sums to the last version whatever the sequence of versions (property)', () => {
    const version = fc.record<SatisfactionResponse>({
      day: fc.constantFrom('2031-03-03', '2031-03-04'),
      segment: fc.record({ industry: fc.constantFrom('retail', 'saas') }, { requiredKeys: [] }),
      channel: fc.constantFrom('chat', 'email', null),
      issueCode: fc.constantFrom('a', 'b', null),
      agentId: fc.constantFrom('x', null),
      scores: fc.record(
        {
          csat: fc.integer({ min: 1, max: 5 }),
          nps: fc.integer({ min: 0, max: 10 }),
          satisfactionIndex: fc.integer({ min: 0, max: 1000 }).map((n) => n / 10),
        },
        { requiredKeys: [] },
      ),
    });
    fc.assert(
      fc.property(fc.array(version, { minLength: 1, maxLength: 6 }), (versions) => {
        const changes = versions.map((after, i) => ({ before: i === 0 ? null : versions[i - 1], after }));
        const applied = contributionDeltas(changes);
        const direct = contributionDeltas([{ before: null, after: versions[versions.length - 1] }]);
        // Counts must match exactly; sums up to floating-point addition order (the database uses numeric).
        const a = net(applied);
        const b = net(direct);
        for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
          for (const measure of new Set([...Object.keys(a[key] ?? {}), ...Object.keys(b[key] ?? {})])) {
            const m = measure as keyof SatisfactionMeasures;
            expect(a[key]?.[m] ?? 0).toBeCloseTo(b[key]?.[m] ?? 0, 9);
          }
        }
      }),
    );
  });
});
