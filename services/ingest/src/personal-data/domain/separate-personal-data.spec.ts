import { parseRecord } from '../../intake/domain/parse-records';
import { CaseKind, eventIdOf, SurveyKind } from '../../intake/domain/record-kinds';
import { separatePersonalData } from './separate-personal-data';

const aCase = (overrides: Record<string, unknown> = {}) => ({
  caseId: 'ZD-1',
  source: 'zendesk',
  customer: {
    id: 'cust-1',
    name: 'Ana Lima',
    email: 'Ana.Lima@Example.com',
    segment: { plan: 'pro' },
    consent: { caseStudy: true },
  },
  channel: 'email',
  status: 'open',
  subject: 'Call me on +44 20 7946 0958',
  description: 'Write to ana.lima@example.com or see https://shop.example.com/order?email=ana@example.com.',
  openedAt: '2026-11-02T10:00:00Z',
  ...overrides,
});

function parsed<T extends object>(kind: typeof CaseKind | typeof SurveyKind, input: unknown): T {
  const result = parseRecord(kind as never, input);
  if (!result.valid) throw new Error(JSON.stringify(result.violations));
  return result.value as T;
}

describe('separatePersonalData', () => {
  it('takes the name and e-mail out of the customer and masks contact details in a case’s text', () => {
    const record = parsed<Record<string, any>>(CaseKind, aCase());
    const { published, contact } = separatePersonalData(record, CaseKind.freeTextFields);

    expect(contact).toEqual({ name: 'Ana Lima', email: 'ana.lima@example.com' });
    expect(published.customer).toEqual({
      id: 'cust-1',
      segment: { plan: 'pro' },
      consent: { caseStudy: true },
    });
    expect(published.subject).toBe('Call me on [phone]');
    expect(published.description).toBe('Write to [email] or see https://shop.example.com/order.');
    expect(JSON.stringify(published)).not.toMatch(/ana|lima|7946/i);
    // Everything else as it was, in the same order.
    expect(Object.keys(published)).toEqual(Object.keys(record));
    expect(published.openedAt).toBe('2026-11-02T10:00:00.000Z');
  });

  it('leaves the record it was given untouched', () => {
    const record = parsed<Record<string, any>>(CaseKind, aCase());
    const before = JSON.stringify(record);
    separatePersonalData(record, CaseKind.freeTextFields);
    expect(JSON.stringify(record)).toBe(before);
  });

  it('masks a survey comment and keeps the scores', () => {
    const record = parsed<Record<string, any>>(SurveyKind, {
      responseId: 'R-1',
      source: 'qualtrics',
      customer: { id: 'cust-1', email: 'ana@example.com' },
      kind: 'transactional',
      respondedAt: '2026-11-02T09:00:00Z',
      csat: 2,
      comment: 'Nobody called back on 020 7946 0958, mail me at ana@example.com',
    });
    const { published, contact } = separatePersonalData(record, SurveyKind.freeTextFields);
    expect(contact).toEqual({ email: 'ana@example.com' });
    expect(published).toMatchObject({
      customer: { id: 'cust-1' },
      csat: 2,
      comment: 'Nobody called back on [phone], mail me at [email]',
    });
    expect(published.customer).not.toHaveProperty('email');
  });

  it('says there is no contact when the record carries neither name nor e-mail', () => {
    const record = parsed<Record<string, any>>(
      CaseKind,
      aCase({ customer: { id: 'cust-2' }, subject: 'Hi', description: 'Invoice 2026-10 is missing' }),
    );
    const { published, contact } = separatePersonalData(record, CaseKind.freeTextFields);
    expect(contact).toBeUndefined();
    expect(published).toEqual({ ...record, customer: { id: 'cust-2' } });
  });

  it('gives the same event id to versions that differ only in contact details', () => {
    const idOf = (input: unknown) =>
      eventIdOf(
        CaseKind,
        separatePersonalData(parsed(CaseKind, input), CaseKind.freeTextFields).published as never,
      );
    const first = idOf(aCase());
    expect(idOf(aCase({ customer: { ...aCase().customer, email: 'ana@new.example.com' } }))).toBe(first);
    expect(
      idOf(aCase({ customer: { id: 'cust-1', segment: { plan: 'pro' }, consent: { caseStudy: true } } })),
    ).toBe(first);
    expect(idOf(aCase({ status: 'solved' }))).not.toBe(first);
  });
});
