import { IssueKind } from './issue-kind';

/**
 * The taxonomy is a two-level hierarchy: categories (`billing`) and the issue codes under them
 * (`billing.invoice`). A code names its category as `parent`. Codes are compared case-insensitively
 * and `unclassified` is reserved for cases no code fits.
 */

/** A category node: groups codes for reporting (`category` in a classification). */
export interface TaxonomyCategory {
  code: string;
  name: string;
  description: string;
  /** The product area its codes belong to unless they name their own. */
  productArea?: string;
}

/** An issue code as a taxonomy document defines it (what the API takes and the database stores). */
export interface IssueCodeDefinition {
  code: string;
  /** The category's code. */
  parent: string;
  name: string;
  description: string;
  kind: IssueKind;
  productArea: string;
  /**
   * Lower-case words or phrases the keyword classifier counts; a phrase matches as a whole, and only
   * whole words match ("pay" does not match "paypal").
   */
  keywords: string[];
  /**
   * Regular expressions (case-insensitive) over the case's subject and description. A match is an
   * explicit rule: it decides the code, before keywords or the model; the first code (in document
   * order) with a matching pattern wins.
   */
  patterns?: string[];
}

/** A whole taxonomy as it is created, stored and imported: every version is complete, never a patch. */
export interface TaxonomyDocument {
  categories: TaxonomyCategory[];
  codes: IssueCodeDefinition[];
}

/** One issue code in the hierarchy category → code, with what a rule needs to recognise it. */
export interface IssueCode extends IssueCodeDefinition {
  /** The category's code: the same as `parent`, under the name classifications use. */
  category: string;
}

/** The taxonomy a classifier works with: a document and the version it is known by. */
export interface Taxonomy {
  /** Goes into every classification as `taxonomyVersion`: the stored version number, as text. */
  version: string;
  categories: TaxonomyCategory[];
  codes: IssueCode[];
}

/** The taxonomy of a (valid) document under a version name. */
export function toTaxonomy(version: string, document: TaxonomyDocument): Taxonomy {
  return {
    version,
    categories: document.categories.map((category) => ({ ...category })),
    codes: document.codes.map((code) => ({ ...code, category: code.parent })),
  };
}

/** The document of a taxonomy: what to store or show, without the derived `category`. */
export function toTaxonomyDocument(taxonomy: Taxonomy): TaxonomyDocument {
  return {
    categories: taxonomy.categories.map((category) => ({ ...category })),
    codes: taxonomy.codes.map(({ category: _category, ...code }) => ({ ...code })),
  };
}
