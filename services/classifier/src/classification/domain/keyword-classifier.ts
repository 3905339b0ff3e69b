import { CaseClassification, IssueCodeCandidate, UNCLASSIFIED } from '@supportlens/contracts';
import { Taxonomy } from '../../taxonomy/domain/taxonomy';

export interface ClassifiableText {
  subject: string;
  description: string;
  /** An agent's code wins: agents know the case, and their codes are the training labels. */
  agentIssueCode?: string;
}

/**
 * Scores each code by the keywords found in the subject (counted twice: it is the customer's own
 * summary) and the description; confidence is the best code's share of all hits. Below the threshold
 * the case is `unclassified` with its candidates rather than forced into a wrong code. Pure.
 */
export function classifyByKeywords(
  text: ClassifiableText,
  taxonomy: Taxonomy,
  minConfidence: number,
): CaseClassification {
  const byCode = new Map(taxonomy.codes.map((code) => [code.code, code]));
  if (text.agentIssueCode) {
    const known = byCode.get(text.agentIssueCode);
    return {
      issueCode: text.agentIssueCode,
      category: known?.category ?? categoryOf(text.agentIssueCode),
      productArea: known?.productArea,
      confidence: 1,
      method: 'agent',
      candidates: [{ issueCode: text.agentIssueCode, confidence: 1 }],
      taxonomyVersion: taxonomy.version,
    };
  }

  const subject = normalise(text.subject);
  const description = normalise(text.description);
  const hits = taxonomy.codes
    .map((code) => ({
      code,
      hits: code.keywords.reduce(
        (sum, keyword) => sum + 2 * occurrences(subject, keyword) + occurrences(description, keyword),
        0,
      ),
    }))
    .filter((entry) => entry.hits > 0)
    .sort((a, b) => b.hits - a.hits || a.code.code.localeCompare(b.code.code));

  const total = hits.reduce((sum, entry) => sum + entry.hits, 0);
  const candidates: IssueCodeCandidate[] = hits
    .slice(0, 3)
    .map((entry) => ({ issueCode: entry.code.code, confidence: round(entry.hits / total) }));

  const best = hits[0];
  if (!best || best.hits / total < minConfidence) {
    return {
      issueCode: UNCLASSIFIED,
      category: UNCLASSIFIED,
      confidence: best ? round(best.hits / total) : 0,
      method: 'unclassified',
      candidates,
      taxonomyVersion: taxonomy.version,
    };
  }
  return {
    issueCode: best.code.code,
    category: best.code.category,
    productArea: best.code.productArea,
    confidence: round(best.hits / total),
    method: 'rules',
    candidates,
    taxonomyVersion: taxonomy.version,
  };
}

function normalise(text: string): string {
  return ` ${text
    .toLowerCase()
    .replace(/[^a-z0-9'\s]+/g, ' ')
    .replace(/\s+/g, ' ')} `;
}

/** Whole-word (or whole-phrase) matches only: "pay" must not match "paypal" or "repay". */
function occurrences(text: string, keyword: string): number {
  let count = 0;
  const needle = ` ${keyword} `;
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + needle.length - 1)) count++;
  return count;
}

function categoryOf(code: string): string {
  return code.includes('.') ? code.slice(0, code.indexOf('.')) : code;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
