import { ApiKeyScope } from '@supportlens/platform';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { ApiKey, ApiKeyPrincipal } from './api-key';
import { generateApiKeySecret, hashApiKey } from './api-key-secret';

interface ApiKeyRow {
  id: string;
  name: string;
  display_prefix: string;
  scopes: ApiKeyScope[];
  created_at: Date;
  revoked_at: Date | null;
  last_used_at: Date | null;
}

const COLUMNS = 'id, name, display_prefix, scopes, created_at, revoked_at, last_used_at';

/** The only code that touches `access.api_keys`. Works on a service's DataSource or the CLI's. */
export class ApiKeysRepository {
  constructor(private readonly db: DataSource | EntityManager) {}

  /** Stores a new key and returns it with the key itself, which is not kept anywhere. */
  async create(name: string, scopes: readonly ApiKeyScope[]): Promise<{ apiKey: ApiKey; key: string }> {
    const secret = generateApiKeySecret();
    const [row]: ApiKeyRow[] = await this.db.query(
      `INSERT INTO access.api_keys (id, name, display_prefix, key_hash, scopes)
       VALUES ($1, $2, $3, $4, $5::text[]) RETURNING ${COLUMNS}`,
      [randomUUID(), name, secret.displayPrefix, secret.hash, [...new Set(scopes)]],
    );
    return { apiKey: toApiKey(row), key: secret.key };
  }

  /** Revokes a key by id; false when there is no such key or it was already revoked. */
  async revoke(id: string): Promise<boolean> {
    // As a CTE: TypeORM answers a bare UPDATE with [rows, count], a SELECT with the rows.
    const rows: unknown[] = await this.db.query(
      `WITH revoked AS (
         UPDATE access.api_keys SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING id
       ) SELECT id FROM revoked`,
      [id],
    );
    return rows.length > 0;
  }

  async list(): Promise<ApiKey[]> {
    const rows: ApiKeyRow[] = await this.db.query(
      `SELECT ${COLUMNS} FROM access.api_keys ORDER BY created_at, id`,
    );
    return rows.map(toApiKey);
  }

  /** The live (not revoked) key with this value, marking it used; undefined when there is none. */
  async findLive(key: string): Promise<ApiKeyPrincipal | undefined> {
    const [row]: ApiKeyRow[] = await this.db.query(
      `WITH used AS (
         UPDATE access.api_keys SET last_used_at = now()
         WHERE key_hash = $1 AND revoked_at IS NULL RETURNING ${COLUMNS}
       ) SELECT * FROM used`,
      [hashApiKey(key)],
    );
    return row && { keyId: row.id, name: row.name, scopes: row.scopes };
  }
}

function toApiKey(row: ApiKeyRow): ApiKey {
  return {
    id: row.id,
    name: row.name,
    displayPrefix: row.display_prefix,
    scopes: row.scopes,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
    lastUsedAt: row.last_used_at,
  };
}
