import { DEFAULT_TAXONOMY } from '../../taxonomy/domain/default-taxonomy';
import { classifyByKeywords } from './keyword-classifier';

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
