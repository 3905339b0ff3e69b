import { parseTaxonomyDocument, TAXONOMY_LIMITS, validateTaxonomy } from './validate-taxonomy';

/** A small valid document: two categories, three codes. Tests break one rule at a time. */
function aDocument(): { categories: Array<Record<string, unknown>>; codes: Array<Record<string, unknown>> } {
  return {
    categories: [
      { code: 'billing', name: 'Billing', description: 'Money matters', productArea: 'billing' },
      { code: 'order', name: 'Orders', description: 'Orders and delivery' },
    ],
    codes: [
      {
        code: 'billing.invoice',
        parent: 'billing',
        name: 'Invoices',
        description: 'Missing invoices',
        kind: 'billing',
        productArea: 'billing',
        keywords: ['invoice', 'credit note'],
      },
      {
        code: 'billing.refund',
        parent: 'billing',
        name: 'Refunds',
        description: '',
        kind: 'billing',
        productArea: 'payments',
        keywords: ['refund'],
        patterns: ['\\bmoney back\\b'],
      },
      {
        code: 'order.status',
        parent: 'order',
        name: 'Order status',
        kind: 'order_delivery',
        productArea: 'fulfilment',
        keywords: ['order', 'tracking'],
      },
    ],
  };
}

function withCode(index: number, changes: Record<string, unknown>) {
  const document = aDocument();
  document.codes[index] = { ...document.codes[index], ...changes };
  return document;
}

const fields = (input: unknown) => validateTaxonomy(input).map((v) => v.field);

describe('validateTaxonomy', () => {
  it('accepts a valid document', () => {
    expect(validateTaxonomy(aDocument())).toEqual([]);
  });

  describe('shape', () => {
    it('wants an object with categories and codes', () => {
      expect(validateTaxonomy([])).toEqual([
        { field: '(body)', message: 'a taxonomy must be an object: { "categories": [...], "codes": [...] }' },
      ]);
      expect(validateTaxonomy({})).toEqual([
        { field: 'categories', message: 'categories must be an array' },
        { field: 'codes', message: 'codes must be an array' },
      ]);
    });

    it('wants at least one category and one code, within the limits', () => {
      expect(validateTaxonomy({ categories: [], codes: [] })).toEqual([
        { field: 'categories', message: 'categories must not be empty' },
        { field: 'codes', message: 'codes must not be empty' },
      ]);
      const tooMany = { ...aDocument(), codes: Array(TAXONOMY_LIMITS.codes + 1).fill(aDocument().codes[0]) };
      expect(validateTaxonomy(tooMany)).toEqual([
        { field: 'codes', message: 'codes must have at most 2000 entries (it has 2001)' },
      ]);
    });

    it('names an entry that is not an object', () => {
      const document = aDocument();
      (document.codes as unknown[])[1] = 'billing.refund';
      expect(validateTaxonomy(document)).toEqual([
        { field: 'codes[1]', message: 'codes[1] must be an object' },
      ]);
    });
  });

  describe('codes are unique, compared case-insensitively', () => {
    it('refuses the same code twice, naming the later one and where the first is', () => {
      // codes[2] repeats codes[0] in other letters: "Billing.Invoice" = "billing.invoice".
      expect(validateTaxonomy(withCode(2, { code: 'Billing.Invoice' }))).toEqual([
        {
          field: 'codes[2].code',
          message:
            'codes[2].code must be unique: "Billing.Invoice" is already the code of codes[0] as "billing.invoice" (codes are compared case-insensitively)',
        },
      ]);
    });

    it('counts categories and codes together', () => {
      expect(validateTaxonomy(withCode(2, { code: 'ORDER' }))).toEqual([
        {
          field: 'codes[2].code',
          message:
            'codes[2].code must be unique: "ORDER" is already the code of categories[1] as "order" (codes are compared case-insensitively)',
        },
      ]);
    });

    it('wants codes of letters, digits, ".", "_" and "-" within 100 characters', () => {
      expect(fields(withCode(0, { code: 'billing invoice' }))).toEqual(['codes[0].code']);
      expect(fields(withCode(0, { code: '.hidden' }))).toEqual(['codes[0].code']);
      expect(fields(withCode(0, { code: 'x'.repeat(101) }))).toEqual(['codes[0].code']);
      expect(fields(withCode(0, { code: '' }))).toEqual(['codes[0].code']);
      expect(fields(withCode(0, { code: 'BILLING-01_a.b' }))).toEqual([]);
    });
  });

  it('keeps the reserved code `unclassified` for cases no code fits, in any case, as category or code', () => {
    expect(validateTaxonomy(withCode(1, { code: 'Unclassified' }))).toEqual([
      {
        field: 'codes[1].code',
        message: 'codes[1].code must not be "unclassified": it is reserved for cases no code fits',
      },
    ]);
    const document = aDocument();
    document.categories[1].code = 'unclassified';
    document.codes[2].parent = 'unclassified';
    expect(fields(document)).toEqual(['categories[1].code']);
  });

  describe('parents', () => {
    it('wants every code to name an existing category', () => {
      expect(validateTaxonomy(withCode(2, { parent: 'shipping' }))).toEqual([
        {
          field: 'codes[2].parent',
          message:
            'codes[2].parent must be the code of a category in this taxonomy: there is no category "shipping"',
        },
      ]);
    });

    it('matches parents exactly, and suggests the category a wrongly cased one meant', () => {
      expect(validateTaxonomy(withCode(2, { parent: 'Order' }))[0].message).toBe(
        'codes[2].parent must be the code of a category in this taxonomy: there is no category "Order" (did you mean "order"? parents are matched exactly)',
      );
    });

    it('refuses a code under a code: the taxonomy has two levels', () => {
      expect(validateTaxonomy(withCode(1, { parent: 'billing.invoice' }))).toEqual([
        {
          field: 'codes[1].parent',
          message:
            'codes[1].parent must be a category: "billing.invoice" is an issue code (codes[0]), and codes cannot have codes under them',
        },
      ]);
    });

    it('names a cycle as one: a → b → a, and a code that is its own parent', () => {
      const document = aDocument();
      document.codes[0].parent = 'billing.refund';
      document.codes[1].parent = 'billing.invoice';
      document.codes[2].parent = 'order.status';
      expect(validateTaxonomy(document)).toEqual([
        {
          field: 'codes[0].parent',
          message:
            'codes[0].parent forms a cycle ("billing.invoice" → "billing.refund" → "billing.invoice"): a code\'s parent must be a category',
        },
        {
          field: 'codes[1].parent',
          message:
            'codes[1].parent forms a cycle ("billing.refund" → "billing.invoice" → "billing.refund"): a code\'s parent must be a category',
        },
        {
          field: 'codes[2].parent',
          message:
            'codes[2].parent forms a cycle ("order.status" → "order.status"): a code\'s parent must be a category',
        },
      ]);
    });

    it('wants a parent on every code, and none on a category', () => {
      expect(validateTaxonomy(withCode(0, { parent: '' }))).toEqual([
        { field: 'codes[0].parent', message: "codes[0].parent must be the code of the code's category" },
      ]);
      const document = aDocument();
      document.categories[1].parent = 'billing';
      expect(fields(document)).toEqual(['categories[1].parent']);
    });
  });

  it('wants one of the known kinds', () => {
    expect(validateTaxonomy(withCode(0, { kind: 'invoice' }))).toEqual([
      {
        field: 'codes[0].kind',
        message:
          'codes[0].kind must be one of how_to, defect, billing, account, order_delivery, feature_request, complaint, praise, other (got "invoice")',
      },
    ]);
    expect(fields(withCode(0, { kind: undefined }))).toEqual(['codes[0].kind']);
  });

  it('wants non-empty names, and descriptions and product areas that are text within limits', () => {
    expect(validateTaxonomy(withCode(0, { name: '  ' }))).toEqual([
      { field: 'codes[0].name', message: 'codes[0].name must not be empty' },
    ]);
    const document = aDocument();
    delete document.categories[0].name;
    expect(fields(document)).toEqual(['categories[0].name']);
    expect(fields(withCode(0, { description: 42 }))).toEqual(['codes[0].description']);
    expect(fields(withCode(0, { description: 'x'.repeat(2001) }))).toEqual(['codes[0].description']);
    expect(fields(withCode(0, { name: 'bad \u0000 byte' }))).toEqual(['codes[0].name']);
  });

  it("takes a missing product area from the code's category, and wants one of the two", () => {
    // billing has a productArea; order does not.
    expect(fields(withCode(0, { productArea: undefined }))).toEqual([]);
    expect(validateTaxonomy(withCode(2, { productArea: '' }))).toEqual([
      {
        field: 'codes[2].productArea',
        message: 'codes[2].productArea must not be empty (or give the category a productArea)',
      },
    ]);
  });

  describe('keywords', () => {
    it('wants lower-case, non-empty keywords', () => {
      expect(validateTaxonomy(withCode(0, { keywords: ['invoice', 'Receipt', ' '] }))).toEqual([
        {
          field: 'codes[0].keywords[1]',
          message:
            'codes[0].keywords[1] must be lower case (got "Receipt"; texts are compared in lower case)',
        },
        { field: 'codes[0].keywords[2]', message: 'codes[0].keywords[2] must be a non-empty string' },
      ]);
    });

    it('refuses a keyword the keyword classifier could never match, suggesting what would', () => {
      // The text is reduced to words of a-z, 0-9 and ' before matching: "e-mail" becomes "e mail".
      expect(validateTaxonomy(withCode(0, { keywords: ['e-mail', 'two  spaces'] }))).toEqual([
        {
          field: 'codes[0].keywords[0]',
          message:
            'codes[0].keywords[0] can never match (got "e-mail"): the text is compared as words of a-z, 0-9 and \' separated by single spaces (write "e mail")',
        },
        {
          field: 'codes[0].keywords[1]',
          message:
            'codes[0].keywords[1] can never match (got "two  spaces"): the text is compared as words of a-z, 0-9 and \' separated by single spaces (write "two spaces")',
        },
      ]);
    });

    it("accepts no keywords at all, phrases, digits and apostrophes (doesn't)", () => {
      expect(fields(withCode(0, { keywords: [] }))).toEqual([]);
      expect(fields(withCode(0, { keywords: undefined }))).toEqual([]);
      expect(fields(withCode(0, { keywords: ["doesn't work", '2fa'] }))).toEqual([]);
      expect(fields(withCode(0, { keywords: 'invoice' }))).toEqual(['codes[0].keywords']);
    });
  });

  describe('patterns', () => {
    it('wants patterns that compile', () => {
      const [violation] = validateTaxonomy(withCode(1, { patterns: ['refund('] }));
      expect(violation.field).toBe('codes[1].patterns[0]');
      expect(violation.message).toMatch(/^codes\[1\]\.patterns\[0\] is not a valid regular expression: /);
    });

    it('refuses nested quantifiers, which can take exponential time', () => {
      expect(validateTaxonomy(withCode(1, { patterns: ['ok', '(a+)+$'] }))).toEqual([
        {
          field: 'codes[1].patterns[1]',
          message:
            'codes[1].patterns[1] must not repeat a group that itself repeats ((a+)+): it can take exponential time on a long text',
        },
      ]);
    });

    it('refuses long patterns, patterns matching everything, and too many patterns', () => {
      expect(fields(withCode(1, { patterns: ['a'.repeat(201)] }))).toEqual(['codes[1].patterns[0]']);
      expect(validateTaxonomy(withCode(1, { patterns: ['x*'] }))[0].message).toBe(
        'codes[1].patterns[0] matches empty text, so it would match every case',
      );
      expect(fields(withCode(1, { patterns: Array(21).fill('refund') }))).toEqual(['codes[1].patterns']);
    });
  });

  it('names every problem of a document at once', () => {
    const document = aDocument();
    document.codes[0] = { ...document.codes[0], kind: 'bug', keywords: ['Invoice'] };
    document.codes[1] = { ...document.codes[1], parent: 'payments', patterns: ['(x*)*'] };
    document.codes[2] = { ...document.codes[2], code: 'BILLING.INVOICE', name: '' };
    expect(fields(document)).toEqual([
      'codes[0].kind',
      'codes[0].keywords[0]',
      'codes[1].patterns[0]',
      'codes[2].name',
      'codes[2].code',
      'codes[1].parent',
    ]);
  });
});

describe('parseTaxonomyDocument', () => {
  it('gives the clean document: trimmed text, defaults, inherited product areas, unknown properties dropped', () => {
    const document = aDocument();
    document.categories[0].name = '  Billing  ';
    document.codes[0] = { ...document.codes[0], productArea: undefined, colour: 'red' };
    document.codes[2] = { ...document.codes[2], keywords: undefined, patterns: [] };
    const parsed = parseTaxonomyDocument({ ...document, version: 7, note: 'ignored here' });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.violations));
    expect(parsed.document.categories[0]).toEqual({
      code: 'billing',
      name: 'Billing',
      description: 'Money matters',
      productArea: 'billing',
    });
    expect(parsed.document.categories[1]).toEqual({
      code: 'order',
      name: 'Orders',
      description: 'Orders and delivery',
    });
    expect(parsed.document.codes[0]).toEqual({
      code: 'billing.invoice',
      parent: 'billing',
      name: 'Invoices',
      description: 'Missing invoices',
      kind: 'billing',
      productArea: 'billing',
      keywords: ['invoice', 'credit note'],
    });
    expect(parsed.document.codes[2]).toEqual({
      code: 'order.status',
      parent: 'order',
      name: 'Order status',
      description: '',
      kind: 'order_delivery',
      productArea: 'fulfilment',
      keywords: [],
    });
    expect(Object.keys(parsed.document)).toEqual(['categories', 'codes']);
  });

  it('gives the violations of an invalid document', () => {
    expect(parseTaxonomyDocument(withCode(0, { parent: 'nope' }))).toEqual({
      ok: false,
      violations: [expect.objectContaining({ field: 'codes[0].parent' })],
    });
  });
});
