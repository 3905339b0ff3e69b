import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { TaxonomyDocument } from './domain/taxonomy';
import { NewTaxonomyVersion, TaxonomyVersion, TaxonomyVersionSummary } from './taxonomy-version';

const TABLE = 'classifier.taxonomy_versions';
const COLUMNS = 'version, document, note, created_by, created_at';
/** Two creations racing for the same number: the loser retries with the next one. */
const MAX_CREATE_ATTEMPTS = 10;
const UNIQUE_VIOLATION = '23505';

interface TaxonomyRow {
  version: number;
  /** As stored: checked by the provider before it is used, since the database only checks its shape. */
  document: TaxonomyDocument;
  note: string | null;
  created_by: string | null;
  created_at: Date;
}

/** The only place that touches `classifier.taxonomy_versions`. Versions are never changed. */
@Injectable()
export class TaxonomyRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The newest version; undefined only in a database nobody migrated. */
  async current(): Promise<TaxonomyVersion | undefined> {
    const rows: TaxonomyRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM ${TABLE} ORDER BY version DESC LIMIT 1`,
    );
    return rows.length > 0 ? toVersion(rows[0]) : undefined;
  }

  /** The newest version's number only: what a refresh checks before it loads a whole document. */
  async currentVersion(): Promise<number | undefined> {
    const rows: Array<{ version: number | null }> = await this.dataSource.query(
      `SELECT max(version) AS version FROM ${TABLE}`,
    );
    return rows[0]?.version ?? undefined;
  }

  async get(version: number): Promise<TaxonomyVersion | undefined> {
    const rows: TaxonomyRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM ${TABLE} WHERE version = $1`,
      [version],
    );
    return rows.length > 0 ? toVersion(rows[0]) : undefined;
  }

  /** Every version, newest first, without the documents (counted instead). */
  async list(): Promise<TaxonomyVersionSummary[]> {
    const rows: Array<Omit<TaxonomyRow, 'document'> & { categories: number; codes: number }> =
      await this.dataSource.query(
        `SELECT version, note, created_by, created_at,
                jsonb_array_length(document -> 'categories') AS categories,
                jsonb_array_length(document -> 'codes') AS codes
           FROM ${TABLE} ORDER BY version DESC`,
      );
    return rows.map((row) => ({
      version: row.version,
      note: row.note,
      createdBy: row.created_by,
      createdAt: row.created_at.toISOString(),
      categories: row.categories,
      codes: row.codes,
    }));
  }

  /**
   * Stores a new version numbered max(version) + 1 and returns it. Two creations at once compute the
   * same number; the second one's insert waits for the first to commit, fails on the primary key and
   * is retried, so every version gets its own number and none is skipped. The insert trigger notifies
   * every instance on commit.
   */
  async create(input: NewTaxonomyVersion): Promise<TaxonomyVersion> {
    for (let attempt = 1; ; attempt++) {
      try {
        const rows: TaxonomyRow[] = await this.dataSource.query(
          `INSERT INTO ${TABLE} (version, document, note, created_by)
           SELECT coalesce(max(version), 0) + 1, $1::jsonb, $2, $3 FROM ${TABLE}
           RETURNING ${COLUMNS}`,
          [JSON.stringify(input.document), input.note, input.createdBy],
        );
        return toVersion(rows[0]);
      } catch (error) {
        if (!isUniqueViolation(error) || attempt >= MAX_CREATE_ATTEMPTS) throw error;
      }
    }
  }
}

function toVersion(row: TaxonomyRow): TaxonomyVersion {
  return {
    version: row.version,
    note: row.note,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    categories: row.document.categories,
    codes: row.document.codes,
  };
}

function isUniqueViolation(error: unknown): boolean {
  const candidate = error as { code?: unknown; driverError?: { code?: unknown } } | null;
  return (candidate?.code ?? candidate?.driverError?.code) === UNIQUE_VIOLATION;
}
