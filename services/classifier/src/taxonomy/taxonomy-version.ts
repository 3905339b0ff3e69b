import { TaxonomyDocument } from './domain/taxonomy';

/** One stored taxonomy version, as the API shows it: the whole document plus who made it and why. */
export interface TaxonomyVersion extends TaxonomyDocument {
  version: number;
  /** Why the version was made, as its author said. */
  note: string | null;
  /** Who made it, when known. */
  createdBy: string | null;
  /** RFC 3339. */
  createdAt: string;
}

/** A version in a list: what it is, without its document. */
export interface TaxonomyVersionSummary {
  version: number;
  note: string | null;
  createdBy: string | null;
  createdAt: string;
  categories: number;
  codes: number;
}

/** What a new version is made of; the repository assigns the version number. */
export interface NewTaxonomyVersion {
  document: TaxonomyDocument;
  note: string | null;
  createdBy: string | null;
}
