import { parseTaxonomyCsv, splitPatterns } from './taxonomy-csv';

const HEADER = 'code,parent,name,description,kind,product_area,keywords,patterns';

function csv(...rows: string[]): string {
  return [HEADER, ...rows].join('\n') + '\n';
}

describe('parseTaxonomyCsv', () => {
  it('reads categories (empty parent) and codes, splitting keywords and patterns at |', () => {
    const parsed = parseTaxonomyCsv(
      '\uFEFF' +
        csv(
          'billing,,Billing,Money matters,,billing,,',
          'billing.invoice,billing,Invoices,"Missing, wrong invoices",billing,,invoice|credit note,',
          'billing.refund,billing,Refunds,,billing,payments,refund,\\bmoney back\\b|(charge|pay)back',
        ),
    );
    expect(parsed).toEqual({
      ok: true,
      document: {
        categories: [
          { code: 'billing', name: 'Billing', description: 'Money matters', productArea: 'billing' },
        ],
        codes: [
          {
            code: 'billing.invoice',
            parent: 'billing',
            name: 'Invoices',
            description: 'Missing, wrong invoices',
            kind: 'billing',
            productArea: 'billing', // from its category
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
            patterns: ['\\bmoney back\\b', '(charge|pay)back'],
          },
        ],
      },
    });
  });

  it('takes the columns in any order and case, the optional ones may be left out', () => {
    const parsed = parseTaxonomyCsv(
      'Name,Code,Kind,Parent,Product_Area\nOrders,order,,,fulfilment\nStatus,order.status,order_delivery,order,\n',
    );
    expect(parsed.ok && parsed.document.codes[0]).toEqual({
      code: 'order.status',
      parent: 'order',
      name: 'Status',
      description: '',
      kind: 'order_delivery',
      productArea: 'fulfilment',
      keywords: [],
    });
  });

  it('names bad fields by CSV line and column', () => {
    const parsed = parseTaxonomyCsv(
      csv(
        'billing,,Billing,,,billing,,', // line 2
        'billing.invoice,billing,Invoices,,bill,,Invoice|,', // line 3
        'billing.invoice,billing,Again,,billing,,,', // line 4
        'order.status,order,Status,,order_delivery,fulfilment,,(a+)+', // line 5
      ),
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.violations).toEqual([
      {
        field: 'line 3.kind',
        message: expect.stringMatching(/^line 3\.kind must be one of how_to, .* \(got "bill"\)$/),
      },
      { field: 'line 3.keywords[0]', message: expect.stringContaining('must be lower case') },
      { field: 'line 3.keywords[1]', message: 'line 3.keywords[1] must be a non-empty string' },
      { field: 'line 5.patterns[0]', message: expect.stringContaining('must not repeat a group') },
      {
        field: 'line 4.code',
        message:
          'line 4.code must be unique: "billing.invoice" is already the code of line 3 (codes are compared case-insensitively)',
      },
      {
        field: 'line 5.parent',
        message:
          'line 5.parent must be the code of a category in this taxonomy: there is no category "order"',
      },
    ]);
  });

  it('refuses kind, keywords or patterns on a category row', () => {
    const parsed = parseTaxonomyCsv(
      csv('billing,,Billing,,billing,billing,invoice,', 'billing.invoice,billing,Invoices,,billing,,,'),
    );
    expect(parsed.ok ? [] : parsed.violations.map((v) => v.field)).toEqual([
      'line 2.kind',
      'line 2.keywords',
    ]);
  });

  it('says what is wrong with the header', () => {
    expect(parseTaxonomyCsv('code,parent,title,kind,keyword\n')).toEqual({
      ok: false,
      violations: [
        {
          field: 'line 1',
          message:
            'line 1 must be the header code,parent,name,description,kind,product_area,keywords,patterns (code, parent, name and kind required): unknown column "title"; unknown column "keyword"; missing column name',
        },
      ],
    });
  });

  it('reports an empty file, a file of categories only, and one it cannot read', () => {
    expect(parseTaxonomyCsv('')).toEqual({
      ok: false,
      violations: [{ field: '(body)', message: expect.stringContaining('the CSV is empty') }],
    });
    expect(parseTaxonomyCsv(csv('billing,,Billing,,,billing,,'))).toEqual({
      ok: false,
      violations: [{ field: 'code rows', message: 'code rows must not be empty' }],
    });
    const broken = parseTaxonomyCsv(csv('billing,,Billing,,,billing,,', 'a,billing,"unclosed'));
    expect(broken.ok ? undefined : broken.violations[0]).toEqual({
      field: '(body)',
      message: expect.stringContaining('the CSV cannot be read: '),
    });
    const ragged = parseTaxonomyCsv(csv('billing,,Billing'));
    expect(ragged.ok ? undefined : ragged.violations[0].message).toContain('the CSV cannot be read: ');
  });
});

describe('splitPatterns', () => {
  it('splits at the top level only: inside groups and classes, and escaped, | stays', () => {
    expect(splitPatterns('a|b')).toEqual(['a', 'b']);
    expect(splitPatterns('(a|b)c | [|x] | d\\|e')).toEqual(['(a|b)c', '[|x]', 'd\\|e']);
    expect(splitPatterns('')).toEqual([]);
  });
});
