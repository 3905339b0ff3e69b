import { parse } from 'csv-parse/sync';
import { TaxonomyDocument } from './taxonomy';
import {
  parseTaxonomyDocument,
  TaxonomyPath,
  TaxonomyPathNames,
  TaxonomyViolation,
  validateTaxonomy,
} from './validate-taxonomy';

/**
 * The CSV import format: one row per node, a header naming the columns (any order, any case).
 * A row with an empty `parent` is a category (code, name, description, product_area); every other
 * row is an issue code under the category its `parent` names. `keywords` and `patterns` hold several
 * values separated by `|`. A `|` inside a pattern's group or character class — `(refund|money back)`
 * — stays part of the pattern; one at the top level separates patterns, which means the same thing
 * (a code matches when any of its patterns does).
 *
 *   code,parent,name,description,kind,product_area,keywords,patterns
 *   billing,,Billing,Invoices and payments,,billing,,
 *   billing.invoice,billing,Invoices,Missing or wrong invoices,billing,,invoice|receipt,
 */
export const TAXONOMY_CSV_COLUMNS = [
  'code',
  'parent',
  'name',
  'description',
  'kind',
  'product_area',
  'keywords',
  'patterns',
] as const;
type Column = (typeof TAXONOMY_CSV_COLUMNS)[number];
const REQUIRED_COLUMNS: readonly Column[] = ['code', 'parent', 'name', 'kind'];

/** Document field → CSV column. */
const COLUMN_OF_FIELD: Record<string, Column> = {
  code: 'code',
  parent: 'parent',
  name: 'name',
  description: 'description',
  kind: 'kind',
  productArea: 'product_area',
  keywords: 'keywords',
  patterns: 'patterns',
};

type CsvResult = { ok: true; document: TaxonomyDocument } | { ok: false; violations: TaxonomyViolation[] };

/**
 * Reads a taxonomy CSV into a document and validates it by the same rules as a JSON document;
 * violations name the CSV line and column (`line 7.kind`, `line 9.keywords[1]`).
 */
export function parseTaxonomyCsv(text: string): CsvResult {
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text, {
      bom: true,
      info: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      relax_column_count: false,
    }) as Array<{ record: string[]; info: { lines: number } }>;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, violations: [{ field: '(body)', message: `the CSV cannot be read: ${message}` }] };
  }
  if (records.length === 0) {
    return {
      ok: false,
      violations: [
        {
          field: '(body)',
          message: `the CSV is empty: expected a header (${TAXONOMY_CSV_COLUMNS.join(',')})`,
        },
      ],
    };
  }

  const [header, ...rows] = records;
  const columns = readHeader(header.record);
  if (!columns.ok) return { ok: false, violations: columns.violations };

  const document = { categories: [] as Record<string, unknown>[], codes: [] as Record<string, unknown>[] };
  const lines = { categories: [] as number[], codes: [] as number[] };
  const rowViolations: TaxonomyViolation[] = [];
  for (const { record, info } of rows) {
    const cell = (column: Column): string => {
      const index = columns.index.get(column);
      return index === undefined ? '' : (record[index] ?? '').trim();
    };
    const code = cell('code');
    const parent = cell('parent');
    if (parent === '') {
      lines.categories.push(info.lines);
      document.categories.push({
        code,
        name: cell('name'),
        description: cell('description'),
        productArea: cell('product_area') || undefined,
      });
      for (const column of ['kind', 'keywords', 'patterns'] as const) {
        if (cell(column) !== '') {
          rowViolations.push({
            field: `line ${info.lines}.${column}`,
            message: `line ${info.lines}.${column} must be empty on a category row (a row with an empty parent); give ${column} to the codes under it`,
          });
        }
      }
    } else {
      lines.codes.push(info.lines);
      document.codes.push({
        code,
        parent,
        name: cell('name'),
        description: cell('description'),
        kind: cell('kind'),
        productArea: cell('product_area') || undefined,
        keywords: splitList(cell('keywords')),
        patterns: splitPatterns(cell('patterns')),
      });
    }
  }

  const names: TaxonomyPathNames = {
    node: (list, index) => `line ${lines[list][index]}`,
    field: (path) => csvField(path, lines),
  };
  const violations = [...rowViolations, ...validateTaxonomy(document, names)];
  if (violations.length > 0) return { ok: false, violations };
  return parseTaxonomyDocument(document);
}

function readHeader(
  cells: string[],
): { ok: true; index: Map<Column, number> } | { ok: false; violations: TaxonomyViolation[] } {
  const index = new Map<Column, number>();
  const problems: string[] = [];
  cells.forEach((cell, position) => {
    const name = cell.trim().toLowerCase();
    if (!(TAXONOMY_CSV_COLUMNS as readonly string[]).includes(name)) {
      problems.push(`unknown column ${JSON.stringify(cell)}`);
    } else if (index.has(name as Column)) {
      problems.push(`column ${JSON.stringify(name)} appears twice`);
    } else {
      index.set(name as Column, position);
    }
  });
  const missing = REQUIRED_COLUMNS.filter((column) => !index.has(column));
  if (missing.length > 0)
    problems.push(`missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
  if (problems.length === 0) return { ok: true, index };
  return {
    ok: false,
    violations: [
      {
        field: 'line 1',
        message: `line 1 must be the header ${TAXONOMY_CSV_COLUMNS.join(',')} (code, parent, name and kind required): ${problems.join('; ')}`,
      },
    ],
  };
}

function csvField(path: TaxonomyPath, lines: { categories: number[]; codes: number[] }): string {
  const [list, index, field, item] = path;
  const rows = list === 'categories' ? 'category rows (rows with an empty parent)' : 'code rows';
  if (typeof index !== 'number') return rows;
  const line = `line ${lines[list as 'categories' | 'codes'][index]}`;
  if (typeof field !== 'string') return line;
  const column = COLUMN_OF_FIELD[field] ?? field;
  return typeof item === 'number' ? `${line}.${column}[${item}]` : `${line}.${column}`;
}

/** `a|b|c` → ['a', 'b', 'c']; an empty cell is an empty list (an empty item stays, to be reported). */
function splitList(cell: string): string[] {
  return cell === '' ? [] : cell.split('|').map((item) => item.trim());
}

/** Splits at the `|` that are at the top level of the regular expression only. */
export function splitPatterns(cell: string): string[] {
  if (cell === '') return [];
  const patterns: string[] = [];
  let depth = 0;
  let inClass = false;
  let start = 0;
  for (let i = 0; i < cell.length; i++) {
    const char = cell[i];
    if (char === '\\') i++;
    else if (inClass) inClass = char !== ']';
    else if (char === '[') inClass = true;
    else if (char === '(') depth++;
    else if (char === ')') depth = Math.max(0, depth - 1);
    else if (char === '|' && depth === 0) {
      patterns.push(cell.slice(start, i).trim());
      start = i + 1;
    }
  }
  patterns.push(cell.slice(start).trim());
  return patterns;
}
