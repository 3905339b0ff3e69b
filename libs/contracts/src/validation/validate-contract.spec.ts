import { SupportCase } from '../cases/support-case';
import { PersonaSegment } from '../insights/persona-signal-insight';
import { SurveyResponse } from '../surveys/survey-response';
import { validateContract } from './validate-contract';

const validCase = {
  caseId: 'C-1',
  source: 'zendesk',
  customer: {
    id: 'cust-1',
    email: 'ana@example.com',
    segment: { industry: 'retail' },
    consent: { caseStudy: true },
  },
  channel: 'chat',
  status: 'solved',
  subject: 'Cannot export invoices',
  description: 'The export button does nothing',
  openedAt: '2026-11-01T09:00:00Z',
  firstResponseAt: '2026-11-01T09:05:00Z',
  resolvedAt: '2026-11-01T10:00:00Z',
  holdSeconds: 30,
};

describe('validateContract', () => {
  it('accepts a valid case and keeps nested classes', () => {
    const result = validateContract(SupportCase, validCase);
    expect(result.valid).toBe(true);
    if (result.valid) expect(result.value.customer.segment?.industry).toBe('retail');
  });

  it('refuses year 0000, which ISO 8601 allows and Postgres does not, naming the field', () => {
    const refused = validateContract(SupportCase, { ...validCase, openedAt: '0000-01-01T00:00:00Z' });
    expect(refused.valid).toBe(false);
    if (!refused.valid) expect(refused.violations.map((violation) => violation.field)).toEqual(['openedAt']);
    expect(validateContract(SupportCase, { ...validCase, openedAt: '1999-12-31T23:59:59Z' }).valid).toBe(
      true,
    );
  });

  it('strips properties the contract does not name', () => {
    const result = validateContract(SupportCase, {
      ...validCase,
      internalFlag: 1,
      customer: { ...validCase.customer, x: 2 },
    });
    expect(result.valid).toBe(true);
    if (result.valid) {
      expect(result.value).not.toHaveProperty('internalFlag');
      expect(result.value.customer).not.toHaveProperty('x');
    }
  });

  it('names each bad field with its path', () => {
    const result = validateContract(
      SupportCase,
      { ...validCase, channel: 'pigeon', customer: { id: '', email: 'nope' }, openedAt: 'yesterday' },
      '[3]',
    );
    expect(result.valid).toBe(false);
    if (!result.valid) {
      const fields = result.violations.map((v) => v.field);
      expect(fields).toEqual(
        expect.arrayContaining(['[3].channel', '[3].customer.id', '[3].customer.email', '[3].openedAt']),
      );
      expect(result.violations.find((v) => v.field === '[3].channel')?.message).toContain('[3].channel');
    }
  });

  it('refuses a resolution earlier than the opening', () => {
    const result = validateContract(SupportCase, { ...validCase, resolvedAt: '2026-10-01T00:00:00Z' });
    expect(result.valid).toBe(false);
    if (!result.valid)
      expect(result.violations).toEqual([
        { field: 'resolvedAt', message: 'resolvedAt must not be earlier than openedAt' },
      ]);
  });

  it('refuses non-objects', () => {
    expect(validateContract(SupportCase, [validCase])).toEqual({
      valid: false,
      violations: [{ field: '(body)', message: 'must be a JSON object' }],
    });
    expect(validateContract(SupportCase, null).valid).toBe(false);
  });

  it('checks survey scales', () => {
    const result = validateContract(SurveyResponse, {
      responseId: 'R-1',
      source: 'qualtrics',
      customer: { id: 'cust-1' },
      kind: 'transactional',
      respondedAt: '2026-11-01T12:00:00Z',
      csat: 6,
      nps: -1,
      servqual: { reliability: { expectation: 5 } },
    });
    expect(result.valid).toBe(false);
    if (!result.valid) {
      expect(result.violations.map((v) => v.field)).toEqual(
        expect.arrayContaining(['csat', 'nps', 'servqual.reliability.perception']),
      );
    }
  });
});

describe('timestamps', () => {
  const base = {
    caseId: 'C-9',
    source: 'zendesk',
    customer: { id: 'cust-9' },
    channel: 'chat',
    status: 'open',
    subject: 's',
    description: 'd',
  };

  it.each(['2026-11-02T09:00:00Z', '2026-11-02T10:00:00.250+01:00', '2026-11-02T09:00:00.123456Z'])(
    'accepts %s',
    (openedAt) => expect(validateContract(SupportCase, { ...base, openedAt }).valid).toBe(true),
  );

  it.each(['2026-11-02T09:00:00', '2026-11-02', '2026-11-02 09:00:00Z', 'yesterday'])(
    'refuses %s, which has no unambiguous instant',
    (openedAt) => {
      const result = validateContract(SupportCase, { ...base, openedAt });
      expect(result.valid).toBe(false);
      if (!result.valid) expect(result.violations.map((v) => v.field)).toEqual(['openedAt']);
    },
  );
});

describe('inputs that would otherwise fail in storage or crash a consumer', () => {
  const base = {
    caseId: 'C-10',
    source: 'zendesk',
    customer: { id: 'cust-10' },
    channel: 'chat',
    status: 'open',
    subject: 's',
    description: 'd',
    openedAt: '2026-11-02T09:00:00Z',
  };
  const fieldsOf = (plain: unknown) => {
    const result = validateContract(SupportCase, plain);
    return result.valid ? [] : result.violations.map((v) => v.field);
  };

  it('requires the customer object, and an object it must be', () => {
    const { customer: _customer, ...withoutCustomer } = base;
    expect(fieldsOf(withoutCustomer)).toEqual(['customer']);
    expect(fieldsOf({ ...base, customer: [] })).toEqual(['customer']);
    expect(fieldsOf({ ...base, customer: 'cust-10' })).toEqual(['customer']);
    expect(fieldsOf({ ...base, customer: { id: 'c', segment: [] } })).toEqual(['customer.segment']);
  });

  it('refuses text Postgres cannot store', () => {
    expect(fieldsOf({ ...base, subject: 'a\u0000b' })).toEqual(['subject']);
    expect(fieldsOf({ ...base, description: 'broken \uD800 pair' })).toEqual(['description']);
    expect(fieldsOf({ ...base, customer: { id: 'c', segment: { industry: '\uDC00' } } })).toEqual([
      'customer.segment.industry',
    ]);
    expect(fieldsOf({ ...base, description: 'emoji 😀 is fine' })).toEqual([]);
  });

  it('refuses hostile nesting without recursing into it', () => {
    let deep: unknown = 'x';
    for (let level = 0; level < 100_000; level++) deep = { deep };
    const fields = fieldsOf({ ...base, extra: deep });
    expect(fields).toHaveLength(1);
    expect(fields[0]).toMatch(/^extra(\.deep)+$/);
  });

  it('caps integers below the column type', () => {
    expect(fieldsOf({ ...base, reopenCount: 2 ** 31 })).toEqual(['reopenCount']);
  });
});

describe('survey responses', () => {
  const response = {
    responseId: 'R-7',
    source: 'qualtrics',
    customer: { id: 'cust-7' },
    kind: 'transactional',
    respondedAt: '2026-11-02T12:00:00Z',
  };
  const fieldsOf = (plain: object) => {
    const result = validateContract(SurveyResponse, plain);
    return result.valid ? [] : result.violations.map((v) => `${v.field}: ${v.message}`);
  };

  it('must answer something', () => {
    expect(fieldsOf(response)).toEqual([
      'kind: a response must answer at least one of csat, nps, ces, buyAgain, ratings, servqual, servqualItems',
    ]);
    expect(fieldsOf({ ...response, ratings: {} })).toHaveLength(1);
    expect(fieldsOf({ ...response, ratings: { professionalism: 5 } })).toEqual([]);
    expect(fieldsOf({ ...response, buyAgain: 0 })).toEqual([]);
  });

  it('takes the long SERVQUAL form and refuses an item without its perception', () => {
    const items = [
      { dimension: 'reliability', expectation: 7, perception: 5 },
      { dimension: 'reliability', expectation: 6, perception: 6 },
    ];
    expect(fieldsOf({ ...response, servqualItems: items })).toEqual([]);
    expect(fieldsOf({ ...response, servqualItems: [{ dimension: 'empathy', expectation: 7 }] })).toEqual([
      'servqualItems[0].perception: servqualItems[0].perception must be an integer number',
    ]);
    expect(
      fieldsOf({ ...response, servqualItems: [{ dimension: 'price', expectation: 1, perception: 1 }] }),
    ).toHaveLength(1);
  });

  it("wants the customer's own importance allocation to add up to 100", () => {
    const servqual = { reliability: { expectation: 6, perception: 6 } };
    expect(fieldsOf({ ...response, servqual, importance: { reliability: 60, empathy: 40 } })).toEqual([]);
    expect(fieldsOf({ ...response, servqual, importance: { reliability: 60, empathy: 30 } })).toEqual([
      'importance: importance must add up to 100 (it adds up to 90)',
    ]);
  });
});

describe('persona segments', () => {
  const pair = { attribute: 'industry', value: 'retail', and: { attribute: 'companySize', value: '51-200' } };

  it.each([true, false])('keeps a pair whole, its inherited fields included (fast path %s)', (fastPath) => {
    const result = validateContract(PersonaSegment, { ...pair, and: { ...pair.and } }, '', { fastPath });
    expect(result.valid).toBe(true);
    if (result.valid) expect(JSON.parse(JSON.stringify(result.value))).toEqual(pair);
  });

  it('names a bad second attribute by its path, and refuses an `and` that is not an object', () => {
    const bad = validateContract(
      PersonaSegment,
      { ...pair, and: { attribute: 'colour', value: '' } },
      'segment',
    );
    expect(bad.valid).toBe(false);
    if (!bad.valid) {
      expect(bad.violations.map((v) => v.field).sort()).toEqual([
        'segment.and',
        'segment.and.attribute',
        'segment.and.value',
      ]);
    }
    expect(validateContract(PersonaSegment, { ...pair, and: 'companySize' }).valid).toBe(false);
  });

  it.each([true, false])(
    'refuses a pair that is not listed, or listed the other way round (fast path %s)',
    (fastPath) => {
      const notListed = { attribute: 'industry', value: 'retail', and: { attribute: 'plan', value: 'pro' } };
      const reversed = {
        attribute: 'companySize',
        value: '51-200',
        and: { attribute: 'industry', value: 'retail' },
      };
      const same = {
        attribute: 'industry',
        value: 'retail',
        and: { attribute: 'industry', value: 'banking' },
      };
      for (const segment of [notListed, reversed, same]) {
        const result = validateContract(PersonaSegment, segment, 'segment', { fastPath });
        expect(result.valid).toBe(false);
        if (!result.valid) expect(result.violations.map((v) => v.field)).toEqual(['segment.and']);
      }
    },
  );
});
