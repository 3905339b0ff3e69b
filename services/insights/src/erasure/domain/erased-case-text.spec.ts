import { withoutErasedCaseText } from './erased-case-text';

describe('withoutErasedCaseText', () => {
  const row = (customer: string, time: string) => ({
    source: 'zendesk',
    case_id: `${customer}-${time}`,
    customer_id: customer,
    event_time: time,
    issue_code: 'billing.invoice',
    phrasing: 'Where is my invoice? Call me on [phone]',
    terms: ['invoice', 'call'],
  });
  const erasedAt = new Map([['erased', new Date('2030-05-01T12:00:00Z')]]);

  it('drops phrasing and terms of versions dated up to the customer erasure, and nothing else', () => {
    const rows = [
      row('erased', '2030-05-01T11:59:59Z'),
      row('erased', '2030-05-01T12:00:00Z'),
      row('erased', '2030-05-01T12:00:01Z'),
      row('other', '2030-04-01T00:00:00Z'),
    ];

    const stored = withoutErasedCaseText(rows, erasedAt);

    expect(stored[0]).toEqual({ ...rows[0], phrasing: null, terms: null });
    expect(stored[1]).toEqual({ ...rows[1], phrasing: null, terms: null });
    expect(stored[2]).toBe(rows[2]); // given after the erasure: kept
    expect(stored[3]).toBe(rows[3]); // never erased
    expect(rows[0].phrasing).not.toBeNull(); // the input is left as it was
  });

  it('reads Date version times as well', () => {
    const [stored] = withoutErasedCaseText(
      [{ customer_id: 'erased', event_time: new Date('2030-01-01T00:00:00Z'), phrasing: 'x', terms: ['x'] }],
      erasedAt,
    );
    expect(stored).toMatchObject({ phrasing: null, terms: null });
  });
});
