import { ApiKeysRepository } from '@supportlens/access';
import { ApiKeyScope } from '@supportlens/platform';
import { DataSource } from 'typeorm';

/**
 * A fresh API key with the given scopes in the given database: `ingest:write` for a load that posts
 * to ingest, `metrics:read` to read a service's /metrics like a Prometheus scraper.
 */
export async function benchApiKey(databaseUrl: string, name: string, scopes: ApiKeyScope[]): Promise<string> {
  const dataSource = await new DataSource({ type: 'postgres', url: databaseUrl }).initialize();
  try {
    return (await new ApiKeysRepository(dataSource).create(name, scopes)).key;
  } finally {
    await dataSource.destroy();
  }
}
