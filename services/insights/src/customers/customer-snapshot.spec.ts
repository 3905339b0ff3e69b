import { customerSnapshot } from './customer-snapshot';

describe('customerSnapshot', () => {
  it('keeps segment, value and consent and leaves personal data out', () => {
    expect(
      customerSnapshot({
        id: 'cust-1',
        name: 'Ana Lima',
        email: 'ana@example.com',
        segment: { industry: 'retail' },
        lifetimeValue: 900,
        consent: { caseStudy: true },
      }),
    ).toEqual({
      id: 'cust-1',
      segment: { industry: 'retail' },
      lifetimeValue: 900,
      consent: { caseStudy: true },
    });
  });

  it('says "not given" explicitly', () => {
    expect(customerSnapshot({ id: 'cust-2' })).toEqual({
      id: 'cust-2',
      segment: {},
      lifetimeValue: null,
      consent: {},
    });
  });
});
