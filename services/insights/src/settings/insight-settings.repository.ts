import { DataSource, EntityManager } from 'typeorm';

const TABLE = 'insights.settings_versions';
const COLUMNS = 'version, document, note, created_by, created_at';

/** A stored version as it is in the table: the document is read (and checked) by the caller. */
export interface StoredSettingsVersion {
  version: number;
  document: unknown;
  note: string | null;
  createdBy: string | null;
  createdAt: string;
}

interface SettingsVersionRow {
  version: number;
  document: unknown;
  note: string | null;
  created_by: string | null;
  created_at: Date;
}

/** What a new version decides to store, given the newest stored one (undefined: none yet). */
export type NewVersionDecision<E> = { store: unknown } | { refuse: E };

/** The only place that touches `insights.settings_versions`. Versions are never changed. */
export class InsightSettingsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The newest version's number, cheap enough for every refresh; undefined when none is stored. */
  async newestVersion(): Promise<number | undefined> {
    const rows: Array<{ version: number | null }> = await this.dataSource.query(
      `SELECT max(version) AS version FROM ${TABLE}`,
    );
    return rows[0]?.version ?? undefined;
  }

  async get(version: number): Promise<StoredSettingsVersion | undefined> {
    const rows: SettingsVersionRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM ${TABLE} WHERE version = $1`,
      [version],
    );
    return rows.length > 0 ? toVersion(rows[0]) : undefined;
  }

  /** Every stored version, newest first. */
  async list(): Promise<StoredSettingsVersion[]> {
    const rows: SettingsVersionRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM ${TABLE} ORDER BY version DESC`,
    );
    return rows.map(toVersion);
  }

  /**
   * Stores a new version made from the newest one (a patch is merged over it). Creations are
   * serialised by a table lock that readers do not wait for, so two patches posted at once on two
   * instances both apply: the second is merged over the first, never over the same base. The insert
   * trigger notifies every instance on commit.
   */
  async create<E>(
    decide: (newest: StoredSettingsVersion | undefined) => NewVersionDecision<E>,
    meta: { note: string | null; createdBy: string | null },
  ): Promise<{ created: StoredSettingsVersion } | { refused: E }> {
    return this.dataSource.transaction(async (manager: EntityManager) => {
      await manager.query(`LOCK TABLE ${TABLE} IN SHARE ROW EXCLUSIVE MODE`);
      const newest: SettingsVersionRow[] = await manager.query(
        `SELECT ${COLUMNS} FROM ${TABLE} ORDER BY version DESC LIMIT 1`,
      );
      const decision = decide(newest.length > 0 ? toVersion(newest[0]) : undefined);
      if ('refuse' in decision) return { refused: decision.refuse };
      const rows: SettingsVersionRow[] = await manager.query(
        `INSERT INTO ${TABLE} (document, note, created_by) VALUES ($1::jsonb, $2, $3) RETURNING ${COLUMNS}`,
        [JSON.stringify(decision.store), meta.note, meta.createdBy],
      );
      return { created: toVersion(rows[0]) };
    });
  }
}

function toVersion(row: SettingsVersionRow): StoredSettingsVersion {
  return {
    version: row.version,
    document: row.document,
    note: row.note,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
  };
}
