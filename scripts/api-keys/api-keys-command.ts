import { ApiKeyScope, isApiKeyScope } from '@supportlens/platform';
import { parseArgs } from 'node:util';

export type ApiKeysCommand =
  | { kind: 'create'; name: string; scopes: ApiKeyScope[] }
  | { kind: 'revoke'; id: string }
  | { kind: 'list' }
  | { kind: 'help' };

export class ApiKeysUsageError extends Error {
  override name = 'ApiKeysUsageError';
}

export const API_KEYS_USAGE = `usage:
  npm run api-keys -- create --name <who uses it> --scopes <scope>[,<scope>...]
  npm run api-keys -- list
  npm run api-keys -- revoke <key id>`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The command line of `npm run api-keys`, checked; throws ApiKeysUsageError saying what is wrong. Pure. */
export function parseApiKeysCommand(argv: string[]): ApiKeysCommand {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: false,
    options: { name: { type: 'string' }, scopes: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  const [verb, ...rest] = positionals;
  if (values.help || verb === undefined || verb === 'help') return { kind: 'help' };
  switch (verb) {
    case 'create': {
      const name = typeof values.name === 'string' ? values.name.trim() : '';
      if (name === '' || name.length > 200)
        throw new ApiKeysUsageError('create needs --name (1 to 200 characters)');
      const listed = typeof values.scopes === 'string' ? values.scopes.split(',').map((s) => s.trim()) : [];
      const scopes = listed.filter((scope) => scope !== '');
      if (scopes.length === 0)
        throw new ApiKeysUsageError('create needs --scopes, e.g. --scopes insights:read');
      const unknown = scopes.filter((scope) => !isApiKeyScope(scope));
      if (unknown.length > 0) throw new ApiKeysUsageError(`unknown scope(s): ${unknown.join(', ')}`);
      return { kind: 'create', name, scopes: [...new Set(scopes as ApiKeyScope[])] };
    }
    case 'revoke': {
      const [id] = rest;
      if (id === undefined || !UUID.test(id))
        throw new ApiKeysUsageError('revoke needs the key id (a UUID, see list)');
      return { kind: 'revoke', id };
    }
    case 'list':
      return { kind: 'list' };
    default:
      throw new ApiKeysUsageError(`unknown command ${verb}`);
  }
}
