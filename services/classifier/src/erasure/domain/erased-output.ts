import { CaseClassification, ClassifiedCase, SupportCase } from '@supportlens/contracts';

/**
 * The classified case to publish for a case version whose customer was erased at or after it (a
 * replay of `support.cases.v1`, a late re-send): without the free text — subject, description, the
 * quoted phrasing and the key terms — and without the customer's name and e-mail (older events of
 * the topic still carry them), so the classifier does not put back on its output topic what the
 * erasure removed. The code, confidence, tone, figures and ids stay. Pure.
 */
export function withoutPersonalData(
  supportCase: SupportCase,
  classification: CaseClassification,
): ClassifiedCase {
  const { name: _name, email: _email, ...customer } = supportCase.customer;
  const { phrasing: _phrasing, terms: _terms, ...kept } = classification;
  return { case: { ...supportCase, customer, subject: '', description: '' }, classification: kept };
}
