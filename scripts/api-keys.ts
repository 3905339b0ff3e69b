import { ApiKeysRepository } from '@supportlens/access';
import { API_KEY_SCOPES } from '@supportlens/platform';
import { redactPassword } from '@supportlens/persistence';
import { DataSource } from 'typeorm';
import { API_KEYS_USAGE, ApiKeysUsageError, parseApiKeysCommand } from './api-keys/api-keys-command';

/**
 * `npm run api-keys -- create|list|revoke`: manages the API keys every service checks. The key is
 * printed once, when it is created; only its SHA-256 is stored. Revocation takes effect on every
 * running instance at once (they are notified).
 */
async function main(): Promise<number> {
  const command = parseApiKeysCommand(process.argv.slice(2));
  if (command.kind === 'help') {
    const scopes = Object.entries(API_KEY_SCOPES).map(([scope, what]) => `  ${scope.padEnd(20)} ${what}`);
    console.log(`${API_KEYS_USAGE}\n\nscopes:\n${scopes.join('\n')}`);
    return 0;
  }
  const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/supportlens';
  const dataSource = await new DataSource({ type: 'postgres', url, applicationName: 'supportlens-api-keys' })
    .initialize()
    .catch((error: Error) => {
      throw new Error(`cannot reach ${redactPassword(url)}: ${error.message}`);
    });
  try {
    const keys = new ApiKeysRepository(dataSource);
    switch (command.kind) {
      case 'create': {
        const { apiKey, key } = await keys.create(command.name, command.scopes);
        console.log(`created key ${apiKey.id} (${apiKey.name}; scopes ${apiKey.scopes.join(', ')})`);
        console.log(`key (shown once, store it now): ${key}`);
        return 0;
      }
      case 'revoke': {
        if (await keys.revoke(command.id)) {
          console.log(`revoked key ${command.id}`);
          return 0;
        }
        console.error(`no live key ${command.id}`);
        return 1;
      }
      case 'list': {
        for (const key of await keys.list()) {
          const state = key.revokedAt ? `revoked ${key.revokedAt.toISOString()}` : 'live';
          const used = key.lastUsedAt ? key.lastUsedAt.toISOString() : 'never';
          console.log(
            `${key.id}  ${key.displayPrefix}…  ${state}  last used ${used}  [${key.scopes.join(',')}]  ${key.name}`,
          );
        }
        return 0;
      }
    }
  } finally {
    await dataSource.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error instanceof ApiKeysUsageError ? `${error.message}\n${API_KEYS_USAGE}` : error.message);
    process.exit(2);
  },
);
