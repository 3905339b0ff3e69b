import { CaseClassification } from '@supportlens/contracts';
import { PATTERN_FLAGS, patternProblem } from './safe-pattern';
import { IssueCode, Taxonomy } from './taxonomy';

/**
 * Patterns see the first this many characters of a case (subject first). Refusing nested quantifiers
 * keeps a pattern from going exponential, but a plain one can still be quadratic on a long run of
 * one character (`a+c` against 50,000 "a" takes about a second); 10,000 characters keep that worst
 * case in the tens of milliseconds, and what a rule looks for is near the start of a case.
 */
export const MAX_RULE_TEXT_LENGTH = 10_000;

/** Which explicit rule decided a code. */
export interface RuleMatch {
  code: string;
  /** The pattern that matched, as written in the taxonomy. */
  pattern: string;
}

/** A taxonomy with its patterns compiled once: built per taxonomy version, shared by every case. */
export interface TaxonomyMatcher {
  readonly taxonomy: Taxonomy;
  /** How many patterns take part (a pattern that is not usable is left out). */
  readonly ruleCount: number;
  /**
   * The first code, in taxonomy order, with a pattern that matches the text (patterns in their
   * order), looking at its first MAX_RULE_TEXT_LENGTH characters.
   */
  match(text: string): RuleMatch | undefined;
  /** The code entry of a code, when the taxonomy has it. */
  codeOf(code: string): IssueCode | undefined;
}

interface CompiledRule {
  code: string;
  pattern: string;
  regex: RegExp;
}

/**
 * Compiles a taxonomy's patterns (case-insensitive). Taxonomies are validated before they are used,
 * so every pattern compiles and is safe; one that is not (a document that bypassed validation) is
 * left out rather than failing every case.
 */
export function compileTaxonomy(taxonomy: Taxonomy): TaxonomyMatcher {
  const rules: CompiledRule[] = [];
  for (const code of taxonomy.codes) {
    for (const pattern of code.patterns ?? []) {
      if (patternProblem(pattern) !== undefined) continue;
      rules.push({ code: code.code, pattern, regex: new RegExp(pattern, PATTERN_FLAGS) });
    }
  }
  const byCode = new Map(taxonomy.codes.map((code) => [code.code, code]));
  return {
    taxonomy,
    ruleCount: rules.length,
    match(text: string): RuleMatch | undefined {
      const scanned = text.length > MAX_RULE_TEXT_LENGTH ? text.slice(0, MAX_RULE_TEXT_LENGTH) : text;
      for (const rule of rules) {
        // No g/y flag: test() keeps no state between calls, so a compiled rule is safe to share.
        if (rule.regex.test(scanned)) return { code: rule.code, pattern: rule.pattern };
      }
      return undefined;
    },
    codeOf: (code) => byCode.get(code),
  };
}

const compiled = new WeakMap<Taxonomy, TaxonomyMatcher>();

/**
 * The explicit rule (pattern) that decides the text's code, if any: the first match in taxonomy
 * order. Compiles each taxonomy object once and remembers it for as long as the taxonomy lives.
 */
export function matchRules(taxonomy: Taxonomy, text: string): RuleMatch | undefined {
  let matcher = compiled.get(taxonomy);
  if (!matcher) {
    matcher = compileTaxonomy(taxonomy);
    compiled.set(taxonomy, matcher);
  }
  return matcher.match(text);
}

/** The text rules see: the subject, then the description, on lines of their own. */
export function ruleText(subject: string, description: string): string {
  return `${subject}\n${description}`;
}

/**
 * The classification an explicit rule gives: the code with full confidence, by `rules`. A rule is
 * what the taxonomy's owner wrote down, so nothing is weighed against it.
 */
export function ruleClassification(matcher: TaxonomyMatcher, match: RuleMatch): CaseClassification {
  const code = matcher.codeOf(match.code);
  return {
    issueCode: match.code,
    category: code?.category ?? match.code,
    productArea: code?.productArea,
    confidence: 1,
    method: 'rules',
    candidates: [{ issueCode: match.code, confidence: 1 }],
    taxonomyVersion: matcher.taxonomy.version,
  };
}
