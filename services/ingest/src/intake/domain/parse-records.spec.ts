import { parseRecords } from './parse-records';
import { CaseKind, eventIdOf, SurveyKind } from './record-kinds';

const aCase = (overrides: Record<string, unknown> = {}) => ({
  caseId: 'ZD-1',
  source: 'zendesk',
  customer: { id: 'cust-1' },
  channel: 'email',
  status: 'open',
  subject: 'Where is my order',
  description: 'Two weeks and nothing.',
  openedAt: '2026-11-02T10:00:00+01:00',
  ...overrides,
});

describe('parseRecords', () => {
  it('accepts one object and canonicalises its timestamps', () => {
    const parsed = parseRecords(CaseKind, aCase(), 10);
    expect(parsed.violations).toEqual([]);
    expect(parsed.valid).toHaveLength(1);
    expect(parsed.valid[0].record.openedAt).toBe('2026-11-02T09:00:00.000Z');
  });

  it('names bad fields by index in a batch and still returns the good records', () => {
    const parsed = parseRecords(
      CaseKind,
      [aCase(), aCase({ caseId: 'ZD-2', status: 'exploded' }), aCase({ caseId: 'ZD-3' })],
      10,
    );
    expect(parsed.valid.map((entry) => entry.index)).toEqual([0, 2]);
    expect(parsed.violations).toEqual([
      {
        field: '[1].status',
        message: '[1].status must be one of the following values: open, pending, solved, closed',
      },
    ]);
  });

  it('refuses an empty batch and one over the limit, as a whole', () => {
    expect(parseRecords(CaseKind, [], 10).violations[0]).toEqual({
      field: '(body)',
      message: 'batch must contain at least one record',
    });
    const tooMany = parseRecords(CaseKind, [aCase(), aCase(), aCase()], 2);
    expect(tooMany.valid).toEqual([]);
    expect(tooMany.violations[0].message).toBe('batch has 3 records, the limit is 2');
  });

  it('validates survey responses against their own contract', () => {
    const parsed = parseRecords(
      SurveyKind,
      {
        responseId: 'R-1',
        source: 'qualtrics',
        customer: { id: 'c' },
        kind: 'Image',
        respondedAt: '2026-11-02T09:00:00Z',
        nps: 11,
      },
      10,
    );
    expect(parsed.violations.map((v) => v.field)).toEqual(['nps']);
  });
});

describe('eventIdOf', () => {
  it('gives the same id to the same record written with another offset or key order', () => {
    const [a] = parseRecords(CaseKind, aCase(), 10).valid;
    const [b] = parseRecords(
      CaseKind,
      { ...aCase(), openedAt: '2026-11-02T09:00:00Z', customer: { id: 'cust-1' }, channel: ' EMAIL ' },
      10,
    ).valid;
    expect(eventIdOf(CaseKind, a.record)).toBe(eventIdOf(CaseKind, b.record));
  });

  it('gives a corrected record a new id', () => {
    const [open] = parseRecords(CaseKind, aCase(), 10).valid;
    const [solved] = parseRecords(CaseKind, aCase({ status: 'solved' }), 10).valid;
    expect(eventIdOf(CaseKind, open.record)).not.toBe(eventIdOf(CaseKind, solved.record));
  });
});

describe('parseRecord on hostile input', () => {
  it('refuses deep nesting before normalising walks it', () => {
    let deep: unknown = 'x';
    for (let level = 0; level < 100_000; level++) deep = [deep];
    const parsed = parseRecords(CaseKind, [aCase(), { ...aCase({ caseId: 'ZD-9' }), note: deep }], 10);
    expect(parsed.valid.map((entry) => entry.index)).toEqual([0]);
    expect(parsed.violations).toHaveLength(1);
    expect(parsed.violations[0].message).toContain('nesting deeper than');
  });

  it('refuses a case without its customer instead of failing later', () => {
    const { customer: _customer, ...withoutCustomer } = aCase();
    expect(parseRecords(CaseKind, withoutCustomer, 10).violations.map((v) => v.field)).toEqual(['customer']);
  });
});
