import { ApiKeysRepository } from '@supportlens/access';
import { DataSource } from 'typeorm';

/** A fresh API key with `ingest:write` in the given database, for a load that posts to ingest. */
export async function ingestApiKey(databaseUrl: string, name: string): Promise<string> {
  const dataSource = await new DataSource({ type: 'postgres', url: databaseUrl }).initialize();
  try {
    return (await new ApiKeysRepository(dataSource).create(name, ['ingest:write'])).key;
  } finally {
    await dataSource.destroy();
  }
}
