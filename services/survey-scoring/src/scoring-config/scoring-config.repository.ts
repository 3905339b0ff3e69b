import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ScoringConfig } from '../scoring/domain/scoring-config';
import { NewScoringConfig, ScoringConfigVersion } from './scoring-config-version';

const TABLE = 'survey_scoring.scoring_configs';
const COLUMNS = 'version, weights, tolerance, benchmarks, note, created_by, created_at';
/** Two creations racing for the same number: the loser retries with the next one. */
const MAX_CREATE_ATTEMPTS = 10;
const UNIQUE_VIOLATION = '23505';

interface ScoringConfigRow {
  version: number;
  weights: ScoringConfig['weights'];
  /** numeric comes back as a string. */
  tolerance: string;
  benchmarks: ScoringConfig['benchmarks'];
  note: string | null;
  created_by: string | null;
  created_at: Date;
}

/** The only place that touches `survey_scoring.scoring_configs`. Versions are never changed. */
@Injectable()
export class ScoringConfigRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The newest version; undefined only in a database nobody migrated. */
  async current(): Promise<ScoringConfigVersion | undefined> {
    const rows: ScoringConfigRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM ${TABLE} ORDER BY version DESC LIMIT 1`,
    );
    return rows.length > 0 ? toVersion(rows[0]) : undefined;
  }

  async get(version: number): Promise<ScoringConfigVersion | undefined> {
    const rows: ScoringConfigRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM ${TABLE} WHERE version = $1`,
      [version],
    );
    return rows.length > 0 ? toVersion(rows[0]) : undefined;
  }

  /** Every version, newest first. */
  async list(): Promise<ScoringConfigVersion[]> {
    const rows: ScoringConfigRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM ${TABLE} ORDER BY version DESC`,
    );
    return rows.map(toVersion);
  }

  /**
   * Stores a new version numbered max(version) + 1 and returns it. Two creations at once compute the
   * same number; the second one's insert waits for the first to commit, fails on the primary key and
   * is retried, so every version gets its own number and none is skipped. The insert trigger notifies
   * every instance on commit.
   */
  async create(input: NewScoringConfig): Promise<ScoringConfigVersion> {
    for (let attempt = 1; ; attempt++) {
      try {
        const rows: ScoringConfigRow[] = await this.dataSource.query(
          `INSERT INTO ${TABLE} (version, weights, tolerance, benchmarks, note, created_by)
           SELECT coalesce(max(version), 0) + 1, $1::jsonb, $2::numeric, $3::jsonb, $4, $5 FROM ${TABLE}
           RETURNING ${COLUMNS}`,
          [
            JSON.stringify(input.weights),
            input.tolerance,
            JSON.stringify(input.benchmarks),
            input.note,
            input.createdBy,
          ],
        );
        return toVersion(rows[0]);
      } catch (error) {
        if (!isUniqueViolation(error) || attempt >= MAX_CREATE_ATTEMPTS) throw error;
      }
    }
  }
}

function toVersion(row: ScoringConfigRow): ScoringConfigVersion {
  return {
    version: row.version,
    weights: row.weights,
    tolerance: Number(row.tolerance),
    benchmarks: row.benchmarks,
    note: row.note,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
  };
}

function isUniqueViolation(error: unknown): boolean {
  const candidate = error as { code?: unknown; driverError?: { code?: unknown } } | null;
  return (candidate?.code ?? candidate?.driverError?.code) === UNIQUE_VIOLATION;
}
