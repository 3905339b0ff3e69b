import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { PersonalDataUnavailableError } from './personal-data-unavailable.error';

/** One record's contact details, at the record's version time. */
export interface ContactRow {
  customerId: string;
  name?: string;
  email?: string;
  /** The record's version time (ISO 8601): the newest wins, and one up to the erasure is never stored. */
  versionTime: string;
}

export interface StoredPersonalData {
  customerId: string;
  name: string | null;
  email: string | null;
  /** When ingest last stored a change to them. */
  updatedAt: Date;
}

export interface Erasure {
  customerId: string;
  erasedAt: Date;
}

/**
 * A field takes the newer record's value when it has one; an older record may only fill a field the
 * stored row lacks. So a record that carries only the e-mail keeps the name, and a late re-send of
 * an old version never overwrites a newer one.
 */
const newest = (column: 'name' | 'email') =>
  `CASE WHEN EXCLUDED.version_time >= t.version_time
        THEN coalesce(EXCLUDED.${column}, t.${column})
        ELSE coalesce(t.${column}, EXCLUDED.${column}) END`;
const changes = `${newest('name')} IS DISTINCT FROM t.name OR ${newest('email')} IS DISTINCT FROM t.email`;

/**
 * One statement for the whole batch. Within it each customer's name and e-mail come from their
 * newest record that carries them; records dated up to the customer's erasure are left out, so a
 * replay or a late re-send brings nothing back.
 */
const UPSERT_CONTACTS = `
  INSERT INTO ingest.personal_data AS t (customer_id, name, email, version_time)
  SELECT r.customer_id,
         (array_agg(r.name ORDER BY r.version_time DESC, r.ord DESC) FILTER (WHERE r.name IS NOT NULL))[1],
         (array_agg(r.email ORDER BY r.version_time DESC, r.ord DESC) FILTER (WHERE r.email IS NOT NULL))[1],
         max(r.version_time)
  FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[])
         WITH ORDINALITY AS r(customer_id, name, email, version_time, ord)
  LEFT JOIN ingest.personal_data_erasures e ON e.customer_id = r.customer_id
  WHERE e.erased_at IS NULL OR r.version_time > e.erased_at
  GROUP BY r.customer_id
  ON CONFLICT (customer_id) DO UPDATE SET
    name = ${newest('name')},
    email = ${newest('email')},
    version_time = greatest(t.version_time, EXCLUDED.version_time),
    updated_at = CASE WHEN ${changes} THEN now() ELSE t.updated_at END
  WHERE EXCLUDED.version_time > t.version_time OR ${changes}`;

/**
 * The personal-data tables: the only code that reads or writes them.
 *
 * Storing and erasing take a per-customer advisory lock first. Without it an erasure could commit
 * between the moment a store's statement read the erasures and its insert, and the erased contact
 * details would be back; with it, whichever comes second sees what the first committed.
 */
@Injectable()
export class PersonalDataRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Stores a batch's contact details; throws {@link PersonalDataUnavailableError} when it cannot. */
  async storeContacts(rows: readonly ContactRow[]): Promise<void> {
    if (rows.length === 0) return;
    try {
      await this.dataSource.transaction(async (manager) => {
        await lockCustomers(
          manager,
          rows.map((row) => row.customerId),
        );
        await manager.query(UPSERT_CONTACTS, [
          rows.map((row) => row.customerId),
          rows.map((row) => row.name ?? null),
          rows.map((row) => row.email ?? null),
          rows.map((row) => row.versionTime),
        ]);
      });
    } catch (error) {
      // A value Postgres refuses (SQLSTATE class 22, e.g. a year-0 timestamp) fails the same way for
      // ever: thrown as it is, so the raw consumer isolates and dead-letters that one record.
      if (sqlState(error)?.startsWith('22')) throw error;
      throw new PersonalDataUnavailableError(`could not store contact details: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }

  async find(customerId: string): Promise<StoredPersonalData | undefined> {
    const [row]: Array<{ name: string | null; email: string | null; updated_at: Date }> =
      await this.dataSource.query(
        'SELECT name, email, updated_at FROM ingest.personal_data WHERE customer_id = $1',
        [customerId],
      );
    return row && { customerId, name: row.name, email: row.email, updatedAt: row.updated_at };
  }

  /**
   * Deletes the customer's personal data and records the erasure, in one transaction; the erasure is
   * recorded even when nothing was stored (the customer's records may still be on their way).
   * `erased_at` is taken after the lock, in milliseconds, so the event's ISO time is exactly it.
   */
  async erase(customerId: string): Promise<Erasure> {
    return this.dataSource.transaction(async (manager) => {
      await lockCustomers(manager, [customerId]);
      await manager.query('DELETE FROM ingest.personal_data WHERE customer_id = $1', [customerId]);
      const [row]: Array<{ erased_at: Date }> = await manager.query(
        `INSERT INTO ingest.personal_data_erasures AS e (customer_id, erased_at)
         VALUES ($1, date_trunc('milliseconds', clock_timestamp()))
         ON CONFLICT (customer_id) DO UPDATE
           SET erased_at = greatest(e.erased_at, EXCLUDED.erased_at), published_at = NULL
         RETURNING erased_at`,
        [customerId],
      );
      return { customerId, erasedAt: row.erased_at };
    });
  }

  /** Erasures whose event is not on Kafka yet, oldest first. */
  async unpublishedErasures(limit: number): Promise<Erasure[]> {
    const rows: Array<{ customer_id: string; erased_at: Date }> = await this.dataSource.query(
      `SELECT customer_id, erased_at FROM ingest.personal_data_erasures
       WHERE published_at IS NULL ORDER BY erased_at LIMIT $1`,
      [limit],
    );
    return rows.map((row) => ({ customerId: row.customer_id, erasedAt: row.erased_at }));
  }

  /** Marks these erasures published, unless the customer was erased again meanwhile (that one is pending). */
  async markPublished(erasures: readonly Erasure[]): Promise<void> {
    if (erasures.length === 0) return;
    await this.dataSource.query(
      `UPDATE ingest.personal_data_erasures e SET published_at = now()
       FROM unnest($1::text[], $2::timestamptz[]) AS p(customer_id, erased_at)
       WHERE e.customer_id = p.customer_id AND e.erased_at = p.erased_at AND e.published_at IS NULL`,
      [erasures.map((erasure) => erasure.customerId), erasures.map((erasure) => erasure.erasedAt)],
    );
  }
}

/** Per-customer transaction locks, taken in one sorted order so that two batches never deadlock. */
async function lockCustomers(manager: EntityManager, customerIds: readonly string[]): Promise<void> {
  const sorted = [...new Set(customerIds)].sort();
  await manager.query(
    `SELECT count(pg_advisory_xact_lock(hashtextextended('ingest.personal_data:' || id, 0)))
     FROM unnest($1::text[]) AS id`,
    [sorted],
  );
}

function sqlState(error: unknown): string | undefined {
  const code =
    (error as { driverError?: { code?: unknown }; code?: unknown }).driverError?.code ??
    (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}
