import {
  detectEmergingTopics,
  frequentTerms,
  LowConfidenceCase,
  logLikelihoodRatio,
  scoreWindowTerms,
  TermBackground,
} from './detect-emerging-topics';
import { keyTerms } from './key-terms';

/** Everyday support traffic: what the baseline is made of, and what noise in the window looks like. */
const EVERYDAY = [
  'I forgot my password and the reset email never arrived',
  'Where is my order? The tracking page shows no update since Monday',
  'Please send me a copy of the invoice for last month',
  'I was charged twice for my subscription, I want a refund',
  'How do I change the delivery address for my order?',
  'The app logs me out every time I open it',
  'Can I upgrade my plan in the middle of the month?',
  'My package arrived damaged, the box was crushed',
  'I cannot log in with my new password',
  'The invoice shows the wrong company name and VAT number',
  'How can I add another user to my account?',
  'My refund has not arrived on my card yet',
  'The discount code from the newsletter does not work at checkout',
  'I want to cancel my subscription at the end of the month',
  'The delivery was late and nobody called me',
  'How do I download my data from the account settings?',
  'Payment declined although my card is valid',
  'Two factor authentication code never arrives by SMS',
  'Can you change the billing email on my account?',
  'The mobile app is very slow since the last update',
  'The sales report in the dashboard shows last week twice',
  'The save button on the settings page is greyed out',
  'I get an error message when I upload a photo',
  'How do I export my contacts to a spreadsheet?',
];

/** Low-confidence cases with nothing in common beyond everyday words. */
const NOISE = [
  'Hi, something is wrong with my account, can you check?',
  'The page shows an error when I click the button',
  'I have a question about my order and the invoice',
  'Nothing happens after I press save',
  'Can someone call me back about the refund and my card?',
  'I am confused by the new layout of the settings page',
  'Is the service down? I cannot reach the website',
  'My colleague has the same problem with the app',
  'Why did the price change this month?',
  'Following up on my last message about the delivery',
  'The numbers in the monthly report look strange',
  'I received an email I did not expect, is it from you?',
  'Something changed in the dashboard after the update',
  'The search does not find my old orders',
  'Can I get a discount for a yearly plan?',
  'My password manager does not fill the login form',
  'The checkout page keeps loading forever',
  'I need the invoice with the new company address',
  'The notification emails stopped coming',
  'Your chat widget covers the save button on small screens',
];

/** The planted problem: six ways of saying that exporting to PDF fails. */
const PDF_EXPORT = [
  'Export to PDF fails since yesterday',
  'When I export the report to PDF it fails with an error',
  'PDF export is not working anymore, the download never starts',
  'The export to PDF button fails on every report I try',
  'Exporting invoices to PDF fails, CSV still works',
  'Since the update the PDF export fails with "Something went wrong" [email]',
];

const T0 = Date.parse('2031-03-01T00:00:00Z');
const HOUR = 60 * 60 * 1000;

function lowConfidence(
  text: string,
  index: number,
  prefix: string,
  overrides: Partial<LowConfidenceCase> = {},
) {
  return {
    source: 'zendesk',
    caseId: `${prefix}-${index}`,
    text,
    classifiedAs: 'unclassified',
    confidence: 0.3,
    candidates: [] as string[],
    at: new Date(T0 + index * 7 * HOUR).toISOString(),
    ...overrides,
  } satisfies LowConfidenceCase;
}

/** Document frequencies of `copies` copies of the everyday traffic, plus any extra texts. */
function backgroundOf(copies: number, extra: string[] = []): TermBackground {
  const texts = [...Array.from({ length: copies }, () => EVERYDAY).flat(), ...extra];
  const termDocuments = new Map<string, number>();
  for (const text of texts) {
    for (const term of keyTerms(text)) termDocuments.set(term, (termDocuments.get(term) ?? 0) + 1);
  }
  return { documents: texts.length, termDocuments };
}

const noise = NOISE.map((text, i) => lowConfidence(text, i, 'noise'));
const planted = PDF_EXPORT.map((text, i) =>
  lowConfidence(text, i * 3 + 1, 'pdf', {
    classifiedAs: i % 2 === 0 ? 'unclassified' : 'product.how_to',
    confidence: i % 2 === 0 ? 0.35 : 0.5,
    candidates: i % 2 === 0 ? ['product.how_to', 'product.defect'] : ['product.how_to', 'billing.invoice'],
  }),
);

describe('detectEmergingTopics', () => {
  it('finds a planted new problem among noise as the top topic, with its examples and hesitations', () => {
    const topics = detectEmergingTopics({
      window: [...noise, ...planted],
      previousWindow: [lowConfidence('PDF export fails for one report', 0, 'before')],
      background: backgroundOf(15),
    });

    expect(topics.length).toBeGreaterThanOrEqual(1);
    const [top] = topics;
    expect(top.terms[0]).toMatch(/pdf/);
    expect(top.label).toContain('export');
    expect(top.cases).toBe(6);
    expect(top.caseIds.map((c) => c.caseId).sort()).toEqual(planted.map((c) => c.caseId).sort());
    expect(top.previousCases).toBe(1);
    expect(top.growth).toBe(5);
    expect(top.examples).toHaveLength(3);
    for (const example of top.examples) expect(PDF_EXPORT).toContain(example.text);
    // The shortest texts naming all the label terms come first.
    expect(top.examples[0].text).toBe('Export to PDF fails since yesterday');
    expect(top.hesitatedBetween).toEqual([
      { issueCode: 'product.how_to', cases: 6 },
      { issueCode: 'billing.invoice', cases: 3 },
      { issueCode: 'product.defect', cases: 3 },
    ]);
    expect(top.firstSeenAt).toBe(planted[0].at);
    expect(top.lastSeenAt).toBe(planted[5].at);
    // Everything else is noise: no other topic.
    expect(topics).toHaveLength(1);
  });

  it('labels with the anchor and the terms most of its cases share, without repeating a word', () => {
    const [top] = detectEmergingTopics({
      window: [...noise, ...planted],
      previousWindow: [],
      background: backgroundOf(15),
    });
    // "pdf" is in all six cases; "fail" and "export" in five each (export is also everyday traffic,
    // so it is less key); "export pdf" says nothing the label does not already say.
    expect(top.terms).toEqual(['pdf', 'fail', 'export']);
    expect(top.label).toBe('pdf, fail, export');
  });

  it('shows a bigram the way customers write it, whatever the order of its key', () => {
    const window = [
      ...noise,
      ...['Blank page after the Okta redirect', 'Okta gives a blank page', 'blank page on Okta login'].map(
        (text, i) => lowConfidence(text, 60 + i, 'blank'),
      ),
    ];
    const [top] = detectEmergingTopics({ window, previousWindow: [], background: backgroundOf(15) });
    // The key of the pair is "blank page" either way; "page blank" would be the other order.
    expect(top.terms).toEqual(['blank page', 'okta']);
  });

  it('finds nothing in noise alone', () => {
    expect(detectEmergingTopics({ window: noise, previousWindow: [], background: backgroundOf(15) })).toEqual(
      [],
    );
  });

  it('finds nothing when the "new" words are as common in the baseline as in the window', () => {
    const background = backgroundOf(
      15,
      Array.from({ length: 60 }, (_, i) => PDF_EXPORT[i % 6]),
    );
    expect(detectEmergingTopics({ window: [...noise, ...planted], previousWindow: [], background })).toEqual(
      [],
    );
  });

  it('reports growth: null for a topic absent from the previous window, a ratio otherwise', () => {
    const base = { window: [...noise, ...planted], background: backgroundOf(15) };
    expect(detectEmergingTopics({ ...base, previousWindow: [] })[0]).toMatchObject({
      previousCases: 0,
      growth: null,
    });
    const previousWindow = PDF_EXPORT.slice(0, 4).map((text, i) => lowConfidence(text, i, 'prev'));
    expect(detectEmergingTopics({ ...base, previousWindow })[0]).toMatchObject({
      cases: 6,
      previousCases: 4,
      growth: 0.5,
    });
  });

  it('respects minCases', () => {
    const three = planted.slice(0, 3);
    const input = { window: [...noise, ...three], previousWindow: [], background: backgroundOf(15) };
    expect(detectEmergingTopics(input, { minCases: 3 })).toHaveLength(1);
    expect(detectEmergingTopics(input, { minCases: 4 })).toEqual([]);
  });

  it('separates two new problems, each case in one topic only', () => {
    const sso = [
      'Single sign-on with Okta redirects to a blank page',
      'Okta SSO login shows a blank page after redirect',
      'Our Okta single sign-on broke, blank page on redirect',
      'Blank page when signing in through Okta',
    ].map((text, i) => lowConfidence(text, 40 + i, 'sso'));
    const topics = detectEmergingTopics({
      window: [...noise, ...planted, ...sso],
      previousWindow: [],
      background: backgroundOf(15),
    });
    expect(topics).toHaveLength(2);
    const ids = topics.map((topic) => topic.caseIds.map((c) => c.caseId).sort());
    expect(ids).toContainEqual(planted.map((c) => c.caseId).sort());
    expect(ids).toContainEqual(sso.map((c) => c.caseId).sort());
    expect(topics.find((topic) => topic.cases === 4)!.label).toContain('okta');
  });

  it('is deterministic: the order of the input does not matter', () => {
    const background = backgroundOf(15);
    const window = [...noise, ...planted];
    const forwards = detectEmergingTopics({ window, previousWindow: [], background });
    const backwards = detectEmergingTopics({ window: [...window].reverse(), previousWindow: [], background });
    expect(backwards).toEqual(forwards);
  });

  it('shows an identical text once, and cuts long examples at a word', () => {
    const long = `PDF export fails ${'and then the whole page freezes '.repeat(20)}`;
    const window = [
      ...noise,
      ...['PDF export fails', 'pdf export fails', 'PDF  export fails', long].map((text, i) =>
        lowConfidence(text, 50 + i, 'dup'),
      ),
    ];
    const [top] = detectEmergingTopics({ window, previousWindow: [], background: backgroundOf(15) });
    expect(top.examples.map((e) => e.text)).toEqual([
      'PDF export fails',
      expect.stringMatching(/ …$|[a-z]…$/),
    ]);
    expect(top.examples[1].text.length).toBeLessThanOrEqual(280);
  });

  it('needs more evidence without history: with no baseline, three shared words are not a topic, six are', () => {
    const empty = { documents: 0, termDocuments: new Map<string, number>() };
    expect(
      detectEmergingTopics({
        window: [...noise, ...planted.slice(0, 3)],
        previousWindow: [],
        background: empty,
      }),
    ).toEqual([]);
    expect(
      detectEmergingTopics({ window: [...noise, ...planted], previousWindow: [], background: empty })[0]
        ?.cases,
    ).toBe(6);
  });

  it('returns nothing for an empty window', () => {
    expect(detectEmergingTopics({ window: [], previousWindow: [], background: backgroundOf(1) })).toEqual([]);
  });
});

describe('scoreWindowTerms and frequentTerms', () => {
  it('scores the planted terms above every noise term', () => {
    const scored = scoreWindowTerms([...noise, ...planted], backgroundOf(15));
    expect(scored.length).toBeGreaterThan(0);
    expect(scored.slice(0, 3).map((term) => term.term)).toEqual(['pdf', 'fail', 'export pdf']);
    expect(scored[0]).toMatchObject({ term: 'pdf', cases: 6 });
    expect(scored.map((term) => term.term)).not.toContain('page');
    expect(scored.map((term) => term.term)).not.toContain('invoice');
  });

  it('lists the terms in at least minCases cases, for the background look-up', () => {
    const terms = frequentTerms([...noise, ...planted], 3);
    expect(terms).toEqual(expect.arrayContaining(['pdf', 'export', 'export pdf', 'fail']));
    expect(terms).toEqual([...terms].sort());
  });
});

describe('logLikelihoodRatio', () => {
  it('is 0 when the rates are equal and grows with the difference', () => {
    expect(logLikelihoodRatio(10, 100, 100, 1000)).toBeCloseTo(0, 10);
    expect(logLikelihoodRatio(20, 100, 100, 1000)).toBeGreaterThan(logLikelihoodRatio(15, 100, 100, 1000));
  });

  it('matches a hand-worked table: 6 of 26 against 1 of 600', () => {
    // E = 26·7/626 etc.; 2·Σ O·ln(O/E) ≈ 33.98
    expect(logLikelihoodRatio(6, 26, 1, 600)).toBeCloseTo(33.98, 1);
  });

  it('is 0 for degenerate tables', () => {
    expect(logLikelihoodRatio(0, 0, 0, 0)).toBe(0);
    expect(logLikelihoodRatio(5, 5, 10, 10)).toBe(0);
  });
});
