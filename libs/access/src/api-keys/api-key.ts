import { ApiKeyScope } from '@supportlens/platform';

/** A stored API key as listings show it: never the key itself, nor its hash. */
export interface ApiKey {
  id: string;
  name: string;
  displayPrefix: string;
  scopes: ApiKeyScope[];
  createdAt: Date;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

/** The caller a request was authenticated as (attached to the request by the guard). */
export interface ApiKeyPrincipal {
  keyId: string;
  name: string;
  scopes: readonly ApiKeyScope[];
}
