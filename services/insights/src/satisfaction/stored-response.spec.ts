import { toSatisfactionResponse } from './stored-response';

describe('toSatisfactionResponse', () => {
  it('takes the UTC day, the segment strings, the channel, the case link and the scores of a stored row', () => {
    expect(
      toSatisfactionResponse({
        source: 'qualtrics',
        response_id: 'r-1',
        customer_id: 'c-1',
        kind: 'transactional',
        case_id: 'case-1',
        channel: 'chat',
        // 23:30 at −02:00 is the next day in UTC
        responded_at: '2031-03-03T23:30:00-02:00',
        customer: { segment: { industry: 'retail', plan: 'pro', other: 'x' } },
        scores: { csat: 4 },
        issue_code: 'billing.invoice',
        agent_id: null,
      }),
    ).toEqual({
      day: '2031-03-04',
      segment: { industry: 'retail', plan: 'pro' },
      channel: 'chat',
      issueCode: 'billing.invoice',
      agentId: null,
      scores: { csat: 4 },
    });
  });

  it('reads a Date as node-postgres returns it', () => {
    const row = toSatisfactionResponse({
      source: 's',
      response_id: 'r',
      customer_id: 'c',
      kind: 'image',
      case_id: null,
      channel: null,
      responded_at: new Date('2031-03-03T00:00:00.000Z'),
      customer: null,
      scores: null,
      issue_code: null,
      agent_id: null,
    });
    expect(row).toMatchObject({ day: '2031-03-03', segment: {}, scores: {} });
  });
});
