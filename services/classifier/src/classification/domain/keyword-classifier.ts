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
  if (text.agentIssueCode) {
    const known = taxonomy.codes.find((code) => code.code === text.agentIssueCode);
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

  const index = keywordIndexOf(taxonomy);
  const byKeywordSubject = index.count(words(text.subject));
  const byKeywordDescription = index.count(words(text.description));
  const hits = taxonomy.codes
    .map((code, i) => ({
      code,
      hits: index.keywordsOf[i].reduce(
        (sum, keyword) => sum + 2 * byKeywordSubject[keyword] + byKeywordDescription[keyword],
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

/** The text's words: lower case, anything but letters, digits and apostrophes separates them. */
function words(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^a-z0-9']+/)
    .filter((word) => word.length > 0);
}

/**
 * The taxonomy's keywords compiled once (a taxonomy is immutable): each keyword (a word or a phrase)
 * under its first word, so a text is counted in one pass over its words instead of one scan of the
 * whole text per keyword — with 31 codes and 271 keywords that scan was most of the classifier's time.
 */
class KeywordIndex {
  /** Keyword numbers of each code, in the taxonomy's order. */
  readonly keywordsOf: number[][] = [];
  private readonly byFirstWord = new Map<string, Array<{ keyword: number; words: string[] }>>();
  private size = 0;

  constructor(taxonomy: Taxonomy) {
    const numbers = new Map<string, number>();
    for (const code of taxonomy.codes) {
      this.keywordsOf.push(
        code.keywords.map((keyword) => {
          let n = numbers.get(keyword);
          if (n === undefined) {
            numbers.set(keyword, (n = this.size++));
            // A keyword that is not plain words separated by single spaces never matched a text.
            if (/^[a-z0-9']+( [a-z0-9']+)*$/.test(keyword)) {
              const phrase = keyword.split(' ');
              const list = this.byFirstWord.get(phrase[0]) ?? [];
              list.push({ keyword: n, words: phrase });
              this.byFirstWord.set(phrase[0], list);
            }
          }
          return n;
        }),
      );
    }
  }

  /**
   * Whole-word (or whole-phrase) matches of each keyword, by keyword number: "pay" does not match
   * "paypal" or "repay". A phrase's matches do not overlap ("a a" is found once in "a a a").
   */
  count(text: readonly string[]): Int32Array {
    const counts = new Int32Array(this.size);
    const nextFree = new Int32Array(this.size);
    for (let at = 0; at < text.length; at++) {
      const candidates = this.byFirstWord.get(text[at]);
      if (!candidates) continue;
      for (const { keyword, words: phrase } of candidates) {
        if (at < nextFree[keyword] || at + phrase.length > text.length) continue;
        let matches = true;
        for (let k = 1; k < phrase.length && matches; k++) matches = text[at + k] === phrase[k];
        if (!matches) continue;
        counts[keyword]++;
        nextFree[keyword] = at + phrase.length;
      }
    }
    return counts;
  }
}

const INDEXES = new WeakMap<Taxonomy, KeywordIndex>();

function keywordIndexOf(taxonomy: Taxonomy): KeywordIndex {
  let index = INDEXES.get(taxonomy);
  if (!index) INDEXES.set(taxonomy, (index = new KeywordIndex(taxonomy)));
  return index;
}

function categoryOf(code: string): string {
  return code.includes('.') ? code.slice(0, code.indexOf('.')) : code;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
