import { AcknowledgedVersion, checkHistory, PipelineObservation } from './check-history';

const caseVersion = (
  customerId: string,
  recordId: string,
  versionTime: string,
  sequence: number,
): AcknowledgedVersion => ({
  kind: 'case',
  customerId,
  recordId,
  versionTime,
  sequence,
});

function observation(overrides: Partial<PipelineObservation> = {}): PipelineObservation {
  return {
    caseVersions: new Map([
      ['k1', '2026-01-01T00:00:02.000Z'],
      ['k2', '2026-01-01T00:00:03.000Z'],
    ]),
    surveys: new Set(['r1']),
    countedCases: 2,
    countedSurveys: 1,
    staleProfiles: 0,
    unjudgedCustomers: 0,
    insightSequenceGaps: 0,
    redeliveries: 0,
    topicOrders: new Map([
      [
        'support.cases.v1',
        new Map([
          [
            'c1',
            ['k1@2026-01-01T00:00:01.000Z', 'k1@2026-01-01T00:00:02.000Z', 'k2@2026-01-01T00:00:03.000Z'],
          ],
        ]),
      ],
    ]),
    ...overrides,
  };
}

const history: AcknowledgedVersion[] = [
  caseVersion('c1', 'k1', '2026-01-01T00:00:01.000Z', 0),
  caseVersion('c1', 'k1', '2026-01-01T00:00:02.000Z', 1),
  caseVersion('c1', 'k2', '2026-01-01T00:00:03.000Z', 2),
  { kind: 'survey', customerId: 'c1', recordId: 'r1', versionTime: '2026-01-01T00:00:04.000Z', sequence: 3 },
];

describe('checkHistory', () => {
  it('finds nothing wrong when every acknowledged record was applied once, in order', () => {
    expect(checkHistory(history, observation())).toEqual({
      lost: 0,
      duplicated: 0,
      reordered: 0,
      examples: [],
    });
  });

  it('counts a case stored at an older version than acknowledged, and a missing survey, as lost', () => {
    const verdict = checkHistory(
      history,
      observation({
        caseVersions: new Map([
          ['k1', '2026-01-01T00:00:01.000Z'],
          ['k2', '2026-01-01T00:00:03.000Z'],
        ]),
        surveys: new Set(),
        countedSurveys: 0,
      }),
    );
    expect(verdict.lost).toBe(2);
    expect(verdict.examples).toEqual([
      // Where each was lost: the case reached ingest's output topic only, the survey no topic.
      'lost: case k1 version 2026-01-01T00:00:02.000Z (stored: 2026-01-01T00:00:01.000Z; reached: support.cases.v1)',
      'lost: survey r1 (reached: no topic)',
    ]);
  });

  it('counts profiles behind their stored facts as lost', () => {
    const verdict = checkHistory(history, observation({ staleProfiles: 2 }));
    expect(verdict.lost).toBe(2);
    expect(verdict.examples).toContain('lost: 2 customer profiles behind their stored facts');
  });

  it('counts effects applied twice from the additive rollups', () => {
    expect(checkHistory(history, observation({ countedCases: 3, countedSurveys: 2 })).duplicated).toBe(2);
  });

  it("counts a customer's record reaching a topic before one acknowledged earlier as reordered", () => {
    const verdict = checkHistory(
      history,
      observation({
        topicOrders: new Map([
          [
            'support.cases.v1',
            new Map([
              [
                'c1',
                ['k2@2026-01-01T00:00:03.000Z', 'k1@2026-01-01T00:00:01.000Z', 'k1@2026-01-01T00:00:02.000Z'],
              ],
            ]),
          ],
        ]),
      }),
    );
    expect(verdict.reordered).toBe(1);
    expect(verdict.examples[0]).toMatch(/reordered on support.cases.v1: c1 k2/);
  });

  it('does not count a version missing from a topic (lost is counted once, elsewhere) as reordered', () => {
    const verdict = checkHistory(
      history,
      observation({
        topicOrders: new Map([
          [
            'support.cases.v1',
            new Map([['c1', ['k1@2026-01-01T00:00:01.000Z', 'k2@2026-01-01T00:00:03.000Z']]]),
          ],
        ]),
      }),
    );
    expect(verdict.reordered).toBe(0);
  });
});
