import { SatisfactionIndexComponent } from '@supportlens/contracts';
import { isAnswered } from './answer-scores';

/** A response's satisfaction index on the ACSI 0–100 scale, unrounded, and the components it averages. */
export interface SatisfactionIndex {
  value: number;
  components: SatisfactionIndexComponent[];
}

/** A 1–5 rating on 0–100: (r − 1) / 4 × 100, so 1 → 0, 3 → 50, 5 → 100. */
export function fivePointToIndex(rating: number): number {
  return ((rating - 1) / 4) * 100;
}

/**
 * The mean of the satisfaction components the response answered, each on 0–100, in
 * SATISFACTION_INDEX_COMPONENTS order: `csat` ((csat − 1) / 4 × 100), `overallExperience` (the
 * overall-experience topic rating, same mapping) and `servqual` (the SERVQUAL quality index). NPS and
 * buy-again are loyalty intentions, not satisfaction, and are deliberately not components. Undefined
 * when no component was answered (absent, never 0). Pure.
 */
export function satisfactionIndexOf(
  csat: number | null | undefined,
  overallExperience: number | null | undefined,
  qualityIndex: number | undefined,
): SatisfactionIndex | undefined {
  let sum = 0;
  const components: SatisfactionIndexComponent[] = [];
  if (isAnswered(csat)) {
    sum += fivePointToIndex(csat);
    components.push('csat');
  }
  if (isAnswered(overallExperience)) {
    sum += fivePointToIndex(overallExperience);
    components.push('overallExperience');
  }
  if (isAnswered(qualityIndex)) {
    sum += qualityIndex;
    components.push('servqual');
  }
  if (components.length === 0) return undefined;
  const value = sum / components.length;
  return { value: value < 0 ? 0 : value > 100 ? 100 : value, components };
}
