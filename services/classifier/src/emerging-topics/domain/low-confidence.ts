import { UNCLASSIFIED_CODE } from './detect-emerging-topics';

export interface ConfidenceOf {
  issueCode: string;
  confidence: number;
  method?: string;
}

/**
 * Whether a classified case belongs to the emerging-topics pool: unclassified, or classified by the
 * rules or the model with a confidence below `threshold`. An agent's code is never low confidence.
 */
export function isLowConfidence(classification: ConfidenceOf, threshold: number): boolean {
  if (classification.method === 'agent') return false;
  return classification.issueCode === UNCLASSIFIED_CODE || classification.confidence < threshold;
}
