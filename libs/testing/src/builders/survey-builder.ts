import { randomUUID } from 'node:crypto';

/** A valid transactional survey response; pass `customer` to link it to a case's customer. */
export function aSurveyResponse(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    responseId: `resp-${randomUUID()}`,
    source: 'qualtrics',
    customer: { id: `cust-${randomUUID().slice(0, 8)}` },
    kind: 'transactional',
    channel: 'chat',
    respondedAt: '2026-11-02T10:00:00.000Z',
    csat: 5,
    nps: 9,
    ces: 2,
    comment: 'Quick and friendly.',
    ...overrides,
  };
}
