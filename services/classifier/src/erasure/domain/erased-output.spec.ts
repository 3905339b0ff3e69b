import { CaseClassification, SupportCase } from '@supportlens/contracts';
import { withoutPersonalData } from './erased-output';

describe('withoutPersonalData', () => {
  it('drops the subject, description, name, e-mail, phrasing and terms and keeps everything else', () => {
    const supportCase = {
      caseId: 'c-1',
      source: 'zendesk',
      customer: { id: 'cust-1', name: 'Ana Lima', email: 'ana@example.com', segment: { plan: 'pro' } },
      channel: 'chat',
      status: 'solved',
      subject: 'Invoice for Ana Lima',
      description: 'Please send it to ana@example.com',
      openedAt: '2030-01-01T00:00:00Z',
    } as unknown as SupportCase;
    const classification: CaseClassification = {
      issueCode: 'billing.invoice',
      category: 'billing',
      confidence: 0.9,
      method: 'model',
      candidates: [{ issueCode: 'billing.invoice', confidence: 0.9 }],
      taxonomyVersion: '1',
      tone: { score: 0, label: 'neutral' },
      issueKind: 'billing',
      phrasing: 'Invoice for Ana Lima Please send it to [email]',
      terms: ['invoice', 'ana', 'lima'],
    };

    const erased = withoutPersonalData(supportCase, classification);

    expect(erased.case).toEqual({
      ...supportCase,
      customer: { id: 'cust-1', segment: { plan: 'pro' } },
      subject: '',
      description: '',
    });
    expect(erased.classification).toEqual({
      issueCode: 'billing.invoice',
      category: 'billing',
      confidence: 0.9,
      method: 'model',
      candidates: [{ issueCode: 'billing.invoice', confidence: 0.9 }],
      taxonomyVersion: '1',
      tone: { score: 0, label: 'neutral' },
      issueKind: 'billing',
    });
    expect(JSON.stringify(erased)).not.toMatch(/Ana Lima|ana@example|\[email\]/);
    // The inputs are left as they were.
    expect(classification.phrasing).toContain('Ana');
    expect(supportCase.customer.name).toBe('Ana Lima');
  });
});
