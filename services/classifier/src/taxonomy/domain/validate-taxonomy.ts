import { UNCLASSIFIED } from '@supportlens/contracts';
import { ISSUE_KINDS, isIssueKind } from './issue-kind';
import { patternProblem } from './safe-pattern';
import { IssueCodeDefinition, TaxonomyCategory, TaxonomyDocument } from './taxonomy';

/** One thing wrong with a taxonomy document, at a field path (`codes[3].parent`, `(body)` for the whole). */
export interface TaxonomyViolation {
  field: string;
  message: string;
}

/** The code no taxonomy may define: classifications use it for cases no code fits. */
export const RESERVED_CODE = UNCLASSIFIED;

export const TAXONOMY_LIMITS = {
  categories: 200,
  codes: 2000,
  keywordsPerCode: 200,
  patternsPerCode: 20,
  /** As `issueCode` and `category` in the classification contract. */
  codeLength: 100,
  productAreaLength: 100,
  nameLength: 200,
  descriptionLength: 2000,
  keywordLength: 100,
} as const;

/**
 * Letters, digits, `.`, `_` and `-`, starting with a letter or digit: codes go into URLs, metric
 * labels and reports as they are.
 */
const CODE_SHAPE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
/**
 * The keyword classifier lower-cases the text and keeps only a-z, 0-9 and `'`, so a keyword made of
 * anything else could never match.
 */
const KEYWORD_SHAPE = /^[a-z0-9']+(?: [a-z0-9']+)*$/;
// Postgres text and jsonb refuse U+0000 and unpaired UTF-16 surrogates.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
export const isStorableText = (text: string): boolean =>
  !text.includes('\u0000') && !LONE_SURROGATE.test(text);

/** A path into the document: ['codes', 3, 'keywords', 1] is `codes[3].keywords[1]`. */
export type TaxonomyPath = ReadonlyArray<string | number>;

/** A problem at a path, phrased to follow the field's name ("must not be empty"). */
export interface TaxonomyProblem {
  path: TaxonomyPath;
  problem: string;
}

/**
 * How a violation names places: `codes[3].parent` for a JSON document; an importer (CSV) names them
 * by line instead. `node` names a category or code when another one refers to it.
 */
export interface TaxonomyPathNames {
  field(path: TaxonomyPath): string;
  node(list: 'categories' | 'codes', index: number): string;
}

export const JSON_PATH_NAMES: TaxonomyPathNames = {
  field: formatPath,
  node: (list, index) => `${list}[${index}]`,
};

/**
 * Every rule a taxonomy document breaks, each at its field path; empty when it is valid. The rules:
 * the shape (categories and codes as arrays of objects, within limits), unique codes (compared
 * case-insensitively, categories and codes together), every parent an existing category (no code
 * under a code, no cycles), known kinds, non-empty names, lower-case non-empty keywords that can
 * match, patterns that compile and are safe, and the reserved code `unclassified` unused.
 */
export function validateTaxonomy(
  input: unknown,
  names: TaxonomyPathNames = JSON_PATH_NAMES,
): TaxonomyViolation[] {
  return taxonomyProblems(input, names).map(({ path, problem }) => toViolation(path, problem, names));
}

export function toViolation(
  path: TaxonomyPath,
  problem: string,
  names: TaxonomyPathNames = JSON_PATH_NAMES,
): TaxonomyViolation {
  const field = path.length === 0 ? '(body)' : names.field(path);
  return { field, message: path.length === 0 ? problem : `${field} ${problem}` };
}

/** Validates, then gives the clean document (trimmed, defaults filled in, unknown properties dropped). */
export function parseTaxonomyDocument(
  input: unknown,
): { ok: true; document: TaxonomyDocument } | { ok: false; violations: TaxonomyViolation[] } {
  const violations = validateTaxonomy(input);
  if (violations.length > 0) return { ok: false, violations };
  return { ok: true, document: normaliseTaxonomyDocument(input as RawDocument) };
}

type RawDocument = { categories: RawNode[]; codes: RawNode[] };
type RawNode = Record<string, unknown>;

export function taxonomyProblems(input: unknown, names: TaxonomyPathNames): TaxonomyProblem[] {
  const problems: TaxonomyProblem[] = [];
  const add = (path: TaxonomyPath, problem: string) => problems.push({ path, problem });

  if (!isObject(input)) {
    add([], 'a taxonomy must be an object: { "categories": [...], "codes": [...] }');
    return problems;
  }
  const categories = nodeList(input, 'categories', TAXONOMY_LIMITS.categories, add);
  const codes = nodeList(input, 'codes', TAXONOMY_LIMITS.codes, add);

  categories.forEach((node, index) => checkCategory(node, ['categories', index], add));
  codes.forEach((node, index) => checkCode(node, ['codes', index], add));
  checkUniqueCodes(categories, codes, names, add);
  checkParents(categories, codes, names, add);
  checkProductAreas(categories, codes, add);
  return problems;
}

type Add = (path: TaxonomyPath, problem: string) => void;

/** The list's entries, with the ones that are not objects reported and left out (as `undefined`). */
function nodeList(
  input: Record<string, unknown>,
  list: 'categories' | 'codes',
  max: number,
  add: Add,
): Array<RawNode | undefined> {
  const value = input[list];
  if (!Array.isArray(value)) {
    add([list], 'must be an array');
    return [];
  }
  if (value.length === 0) add([list], 'must not be empty');
  if (value.length > max) {
    add([list], `must have at most ${max} entries (it has ${value.length})`);
    return [];
  }
  return value.map((node, index) => {
    if (isObject(node)) return node;
    add([list, index], 'must be an object');
    return undefined;
  });
}

function checkCategory(node: RawNode | undefined, path: TaxonomyPath, add: Add): void {
  if (!node) return;
  checkCodeField(node.code, [...path, 'code'], add);
  if (node.parent !== undefined && node.parent !== null && node.parent !== '') {
    add(
      [...path, 'parent'],
      'must be empty: categories are the top level (the taxonomy has two levels, categories and the codes under them)',
    );
  }
  checkText(node.name, [...path, 'name'], { required: true, max: TAXONOMY_LIMITS.nameLength }, add);
  checkText(node.description, [...path, 'description'], { max: TAXONOMY_LIMITS.descriptionLength }, add);
  checkText(node.productArea, [...path, 'productArea'], { max: TAXONOMY_LIMITS.productAreaLength }, add);
}

function checkCode(node: RawNode | undefined, path: TaxonomyPath, add: Add): void {
  if (!node) return;
  checkCodeField(node.code, [...path, 'code'], add);
  if (typeof node.parent !== 'string' || node.parent.trim() === '') {
    add([...path, 'parent'], "must be the code of the code's category");
  }
  checkText(node.name, [...path, 'name'], { required: true, max: TAXONOMY_LIMITS.nameLength }, add);
  checkText(node.description, [...path, 'description'], { max: TAXONOMY_LIMITS.descriptionLength }, add);
  checkText(node.productArea, [...path, 'productArea'], { max: TAXONOMY_LIMITS.productAreaLength }, add);
  if (!isIssueKind(node.kind)) {
    add([...path, 'kind'], `must be one of ${ISSUE_KINDS.join(', ')}${describeGot(node.kind)}`);
  }
  checkKeywords(node.keywords, [...path, 'keywords'], add);
  checkPatterns(node.patterns, [...path, 'patterns'], add);
}

function checkCodeField(value: unknown, path: TaxonomyPath, add: Add): void {
  if (typeof value !== 'string' || value === '') {
    add(path, 'must be a non-empty string');
  } else if (value.length > TAXONOMY_LIMITS.codeLength) {
    add(path, `must be at most ${TAXONOMY_LIMITS.codeLength} characters long`);
  } else if (!CODE_SHAPE.test(value)) {
    add(
      path,
      `may only contain letters, digits, ".", "_" and "-", starting with a letter or digit (got ${JSON.stringify(value)})`,
    );
  } else if (value.toLowerCase() === RESERVED_CODE) {
    add(path, `must not be "${RESERVED_CODE}": it is reserved for cases no code fits`);
  }
}

function checkText(
  value: unknown,
  path: TaxonomyPath,
  rule: { required?: boolean; max: number },
  add: Add,
): void {
  if (value === undefined || value === null) {
    if (rule.required) add(path, 'must not be empty');
    return;
  }
  if (typeof value !== 'string') {
    add(path, 'must be a string');
  } else if (rule.required && value.trim() === '') {
    add(path, 'must not be empty');
  } else if (value.trim().length > rule.max) {
    add(path, `must be at most ${rule.max} characters long`);
  } else if (!isStorableText(value)) {
    add(path, 'must not contain U+0000 or unpaired surrogates');
  }
}

function checkKeywords(value: unknown, path: TaxonomyPath, add: Add): void {
  if (value === undefined || value === null) return;
  if (!Array.isArray(value)) {
    add(path, 'must be an array of lower-case words or phrases');
    return;
  }
  if (value.length > TAXONOMY_LIMITS.keywordsPerCode) {
    add(path, `must have at most ${TAXONOMY_LIMITS.keywordsPerCode} entries (it has ${value.length})`);
    return;
  }
  value.forEach((keyword: unknown, index) => {
    const at = [...path, index];
    if (typeof keyword !== 'string' || keyword.trim() === '') {
      add(at, 'must be a non-empty string');
    } else if (keyword.length > TAXONOMY_LIMITS.keywordLength) {
      add(at, `must be at most ${TAXONOMY_LIMITS.keywordLength} characters long`);
    } else if (keyword !== keyword.toLowerCase()) {
      add(at, `must be lower case (got ${JSON.stringify(keyword)}; texts are compared in lower case)`);
    } else if (!KEYWORD_SHAPE.test(keyword)) {
      add(
        at,
        `can never match (got ${JSON.stringify(keyword)}): the text is compared as words of a-z, 0-9 and ' separated by single spaces${suggestKeyword(keyword)}`,
      );
    }
  });
}

function suggestKeyword(keyword: string): string {
  const suggestion = keyword
    .toLowerCase()
    .replace(/[^a-z0-9'\s]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return suggestion && suggestion !== keyword ? ` (write ${JSON.stringify(suggestion)})` : '';
}

function checkPatterns(value: unknown, path: TaxonomyPath, add: Add): void {
  if (value === undefined || value === null) return;
  if (!Array.isArray(value)) {
    add(path, 'must be an array of regular expressions');
    return;
  }
  if (value.length > TAXONOMY_LIMITS.patternsPerCode) {
    add(path, `must have at most ${TAXONOMY_LIMITS.patternsPerCode} entries (it has ${value.length})`);
    return;
  }
  value.forEach((pattern: unknown, index) => {
    if (typeof pattern !== 'string') {
      add([...path, index], 'must be a string');
      return;
    }
    const problem = patternProblem(pattern);
    if (problem) add([...path, index], problem);
  });
}

/** Codes are unique across categories and codes, compared in lower case; the later ones are reported. */
function checkUniqueCodes(
  categories: Array<RawNode | undefined>,
  codes: Array<RawNode | undefined>,
  names: TaxonomyPathNames,
  add: Add,
): void {
  const seen = new Map<string, { list: 'categories' | 'codes'; index: number; code: string }>();
  const visit = (list: 'categories' | 'codes', nodes: Array<RawNode | undefined>) =>
    nodes.forEach((node, index) => {
      const code = node?.code;
      if (typeof code !== 'string' || code === '') return;
      const key = code.toLowerCase();
      const first = seen.get(key);
      if (!first) {
        seen.set(key, { list, index, code });
        return;
      }
      const spelling = first.code === code ? '' : ` as ${JSON.stringify(first.code)}`;
      add(
        [list, index, 'code'],
        `must be unique: ${JSON.stringify(code)} is already the code of ${names.node(first.list, first.index)}${spelling} (codes are compared case-insensitively)`,
      );
    });
  visit('categories', categories);
  visit('codes', codes);
}

/**
 * Every code's parent is a category of this document, named exactly. A parent that is a code is
 * refused; when following parents from code to code comes back to where it started, the message
 * says it is a cycle.
 */
function checkParents(
  categories: Array<RawNode | undefined>,
  codes: Array<RawNode | undefined>,
  names: TaxonomyPathNames,
  add: Add,
): void {
  const categoryCodes = new Set(categories.map((node) => node?.code).filter(isString));
  const categoriesByLowerCase = new Map(
    [...categoryCodes].map((code) => [code.toLowerCase(), code] as const),
  );
  const codeIndex = new Map<string, number>();
  codes.forEach((node, index) => {
    if (isString(node?.code) && !codeIndex.has(node.code)) codeIndex.set(node.code, index);
  });

  codes.forEach((node, index) => {
    const parent = node?.parent;
    if (!isString(parent) || parent.trim() === '' || categoryCodes.has(parent)) return;
    const path = ['codes', index, 'parent'];
    const cycle = cycleFrom(index, codes, codeIndex);
    if (cycle) {
      add(
        path,
        `forms a cycle (${cycle.map((code) => JSON.stringify(code)).join(' → ')}): a code's parent must be a category`,
      );
      return;
    }
    const parentIndex = codeIndex.get(parent);
    if (parentIndex !== undefined) {
      add(
        path,
        `must be a category: ${JSON.stringify(parent)} is an issue code (${names.node('codes', parentIndex)}), and codes cannot have codes under them`,
      );
      return;
    }
    const likely = categoriesByLowerCase.get(parent.toLowerCase());
    add(
      path,
      `must be the code of a category in this taxonomy: there is no category ${JSON.stringify(parent)}` +
        (likely ? ` (did you mean ${JSON.stringify(likely)}? parents are matched exactly)` : ''),
    );
  });
}

/** The codes from `start` back to `start` following parents through codes, or undefined when that ends. */
function cycleFrom(
  start: number,
  codes: Array<RawNode | undefined>,
  codeIndex: Map<string, number>,
): string[] | undefined {
  const chain = [codes[start]!.code as string];
  const visited = new Set<number>([start]);
  for (let at = codeIndex.get(codes[start]!.parent as string); at !== undefined;) {
    chain.push(codes[at]!.code as string);
    if (at === start) return chain;
    if (visited.has(at)) return undefined; // a cycle further up, reported from its own members
    visited.add(at);
    const parent = codes[at]!.parent;
    at = isString(parent) ? codeIndex.get(parent) : undefined;
  }
  return undefined;
}

/** A code without a product area of its own takes its category's; one of the two must say it. */
function checkProductAreas(
  categories: Array<RawNode | undefined>,
  codes: Array<RawNode | undefined>,
  add: Add,
): void {
  const areaOfCategory = new Map<string, string>();
  for (const node of categories) {
    if (isString(node?.code) && isNonBlank(node.productArea)) {
      areaOfCategory.set(node.code, node.productArea);
    }
  }
  codes.forEach((node, index) => {
    if (!node || isNonBlank(node.productArea)) return;
    const area = node.productArea;
    if (area !== undefined && area !== null && typeof area !== 'string') return; // "must be a string"
    const parent = node.parent;
    if (isString(parent) && areaOfCategory.has(parent)) return;
    add(['codes', index, 'productArea'], 'must not be empty (or give the category a productArea)');
  });
}

function normaliseTaxonomyDocument(input: RawDocument): TaxonomyDocument {
  const categories: TaxonomyCategory[] = input.categories.map((node) => {
    const category: TaxonomyCategory = {
      code: node.code as string,
      name: (node.name as string).trim(),
      description: ((node.description as string | undefined) ?? '').trim(),
    };
    if (isNonBlank(node.productArea)) category.productArea = node.productArea.trim();
    return category;
  });
  const areaOfCategory = new Map(categories.map((c) => [c.code, c.productArea]));
  const codes: IssueCodeDefinition[] = input.codes.map((node) => {
    const code: IssueCodeDefinition = {
      code: node.code as string,
      parent: node.parent as string,
      name: (node.name as string).trim(),
      description: ((node.description as string | undefined) ?? '').trim(),
      kind: node.kind as IssueCodeDefinition['kind'],
      productArea: isNonBlank(node.productArea)
        ? node.productArea.trim()
        : areaOfCategory.get(node.parent as string)!,
      keywords: [...((node.keywords as string[] | undefined) ?? [])],
    };
    const patterns = node.patterns as string[] | undefined;
    if (patterns && patterns.length > 0) code.patterns = [...patterns];
    return code;
  });
  return { categories, codes };
}

export function formatPath(path: TaxonomyPath): string {
  return path.reduce<string>(
    (text, part) => (typeof part === 'number' ? `${text}[${part}]` : text ? `${text}.${part}` : part),
    '',
  );
}

function describeGot(value: unknown): string {
  return value === undefined ? '' : ` (got ${JSON.stringify(value)})`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}

function isNonBlank(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}
