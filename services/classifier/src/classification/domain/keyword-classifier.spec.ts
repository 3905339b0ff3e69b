import { DEFAULT_TAXONOMY } from '../../taxonomy/domain/default-taxonomy';
import { Taxonomy } from '../../taxonomy/domain/taxonomy';
import { classifyByKeywords } from './keyword-classifier';

/** The first implementation, one scan of the text per keyword: the index must count exactly as it did. */
function referenceCandidates(subject: string, description: string, taxonomy: Taxonomy) {
  const normalise = (text: string) =>
    ` ${text
      .toLowerCase()
      .replace(/[^a-z0-9'\s]+/g, ' ')
      .replace(/\s+/g, ' ')} `;
  const occurrences = (text: string, keyword: string) => {
    let count = 0;
    const needle = ` ${keyword} `;
    for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + needle.length - 1)) count++;
    return count;
  };
  const [s, d] = [normalise(subject), normalise(description)];
  const hits = taxonomy.codes
    .map((code) => ({
      code: code.code,
      hits: code.keywords.reduce((sum, k) => sum + 2 * occurrences(s, k) + occurrences(d, k), 0),
    }))
    .filter((entry) => entry.hits > 0)
    .sort((a, b) => b.hits - a.hits || a.code.localeCompare(b.code));
  const total = hits.reduce((sum, entry) => sum + entry.hits, 0);
  return hits.slice(0, 3).map((entry) => ({
    issueCode: entry.code,
    confidence: Math.round((entry.hits / total) * 1000) / 1000,
  }));
}

describe('classifyByKeywords', () => {
  it('picks the code whose keywords dominate, weighting the subject twice', () => {
    // subject: "invoice" ×1 → 2 hits for billing.invoice; description: "invoice" ×1, "export" ×1
    // → billing.invoice 3, product.data 1; confidence 3/4.
    const result = classifyByKeywords(
      { subject: 'Invoice missing', description: 'I cannot find the invoice to export' },
      DEFAULT_TAXONOMY,
      0.4,
    );
    expect(result).toMatchObject({
      issueCode: 'billing.invoice',
      category: 'billing',
      method: 'rules',
      confidence: 0.75,
    });
    expect(result.candidates.map((c) => c.issueCode)).toEqual(['billing.invoice', 'product.data']);
  });

  it('counts every keyword and phrase as one scan per keyword did, on texts of every shape', () => {
    let seed = 42;
    const next = () => (seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0) / 4_294_967_296;
    const keywords = DEFAULT_TAXONOMY.codes.flatMap((code) => code.keywords);
    const fillers = ['the', 'a', 'and', 'paypal', "can't", 'Refund!', 'ÉTAT', '42', '...', '\n', '  ', '-'];
    const text = (length: number) =>
      Array.from({ length }, () => {
        const roll = next();
        const word =
          roll < 0.4
            ? keywords[Math.floor(next() * keywords.length)]
            : fillers[Math.floor(next() * fillers.length)];
        // Repeats make overlapping phrases ("a a a"); upper case and punctuation test the normalising.
        const shaped = next() < 0.2 ? word.toUpperCase() : word;
        return next() < 0.1 ? `${shaped} ${shaped}` : shaped;
      }).join(next() < 0.5 ? ' ' : ', ');
    for (let i = 0; i < 500; i++) {
      const subject = text(Math.floor(next() * 8));
      const description = text(Math.floor(next() * 120));
      expect(classifyByKeywords({ subject, description }, DEFAULT_TAXONOMY, 0.4).candidates).toEqual(
        referenceCandidates(subject, description, DEFAULT_TAXONOMY),
      );
    }
  });

  it('counts a phrase without overlapping itself, as one scan of the text did', () => {
    const [first, second] = DEFAULT_TAXONOMY.codes;
    const taxonomy: Taxonomy = {
      ...DEFAULT_TAXONOMY,
      codes: [
        { ...first, keywords: ['go go'] },
        { ...second, keywords: ['go'] },
      ],
    };
    // "go go go": the phrase once (the second match would reuse the middle word), the word three times.
    const result = classifyByKeywords({ subject: '', description: 'go go go' }, taxonomy, 0.1);
    expect(result.candidates).toEqual(referenceCandidates('', 'go go go', taxonomy));
    expect(result.candidates).toEqual([
      { issueCode: second.code, confidence: 0.75 },
      { issueCode: first.code, confidence: 0.25 },
    ]);
  });

  it('matches whole words only', () => {
    const result = classifyByKeywords({ subject: 'paypal', description: 'repay' }, DEFAULT_TAXONOMY, 0.4);
    expect(result.issueCode).toBe('unclassified');
  });

  it('stays unclassified, with its candidates, when no code is confident enough', () => {
    // order.status 1 (order), billing.refund 1 (refund), billing.payment 1 (card): best share 1/3 < 0.4
    const result = classifyByKeywords(
      { subject: '', description: 'order refund card' },
      DEFAULT_TAXONOMY,
      0.4,
    );
    expect(result.method).toBe('unclassified');
    expect(result.issueCode).toBe('unclassified');
    expect(result.confidence).toBeCloseTo(0.333, 3);
    expect(result.candidates).toHaveLength(3);
  });

  it('keeps the agent code with full confidence', () => {
    const result = classifyByKeywords(
      { subject: 'invoice', description: '', agentIssueCode: 'order.cancel' },
      DEFAULT_TAXONOMY,
      0.4,
    );
    expect(result).toMatchObject({
      issueCode: 'order.cancel',
      category: 'order',
      method: 'agent',
      confidence: 1,
    });
  });

  it('says unclassified with no candidates for text with no keyword at all', () => {
    const result = classifyByKeywords({ subject: 'hello', description: 'hmm' }, DEFAULT_TAXONOMY, 0.4);
    expect(result).toMatchObject({ issueCode: 'unclassified', confidence: 0, candidates: [] });
  });
});
