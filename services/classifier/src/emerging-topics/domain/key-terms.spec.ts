import { bigramKey, extractKeyTerms, KEY_TERM_TEXT_LIMIT, keyTerms } from './key-terms';

describe('keyTerms', () => {
  it('keeps content words and adjacent pairs, dropping stop words between them', () => {
    expect(keyTerms('Export to PDF fails since yesterday')).toEqual([
      'export',
      'pdf',
      'export pdf',
      'fail',
      'fail pdf',
    ]);
  });

  it('keys a pair the same whichever order it was written in, and remembers how it was written', () => {
    const written = extractKeyTerms('The PDF export is broken');
    expect(written.terms).toContain('export pdf');
    expect(written.surface.get('export pdf')).toBe('pdf export');
    expect(bigramKey('pdf', 'export')).toBe(bigramKey('export', 'pdf'));
  });

  it('does not pair words across sentences or clauses', () => {
    const terms = keyTerms('The invoice is wrong. Shipping was fine, delivery late');
    expect(terms).not.toContain('invoice shipping');
    expect(terms).not.toContain('shipping wrong');
    expect(terms).not.toContain('delivery fine');
    expect(terms).toContain('invoice wrong');
  });

  it('breaks clauses at every punctuation, bracket, quote, slash and line break, wherever it sits', () => {
    for (const gap of [' / ', '\n', ' (', '" ', '«', ' | ', '\t', '; ', '\\']) {
      expect(keyTerms(`invoice${gap}refund`)).toEqual(['invoice', 'refund']);
    }
    expect(keyTerms('invoice   refund')).toEqual(['invoice', 'refund', 'invoice refund']);
  });

  it('folds case, accents, apostrophes, hyphens and simple plurals', () => {
    expect(keyTerms('Échec')).toEqual(keyTerms('echec'));
    expect(keyTerms('E-mails')).toEqual(['email']);
    expect(keyTerms('crashes invoices deliveries boxes')).toEqual(
      expect.arrayContaining(['crash', 'invoice', 'delivery', 'box']),
    );
    expect(keyTerms('status access analysis')).toEqual(
      expect.arrayContaining(['status', 'access', 'analysis']),
    );
  });

  it('drops numbers, single characters, stop words, pleasantries, placeholders and URLs', () => {
    expect(
      keyTerms('Hi team, thanks! I have a question: 12345 x [email] [number] https://example.com/a'),
    ).toEqual([]);
  });

  it('keeps words with digits such as 2fa or ios17', () => {
    expect(keyTerms('2FA broken on iOS17')).toEqual(expect.arrayContaining(['2fa', 'ios17']));
  });

  it('reads only the start of very long texts', () => {
    const text = `${'word '.repeat(KEY_TERM_TEXT_LIMIT / 5)} zebra`;
    expect(keyTerms(text)).not.toContain('zebra');
  });

  it('returns each term once, in order of first appearance', () => {
    expect(keyTerms('refund refund refund')).toEqual(['refund']);
  });
});
