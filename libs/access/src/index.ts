export { AccessModule } from './access.module';
export type { AccessOptions } from './access-options';
export type { ApiKey, ApiKeyPrincipal } from './api-keys/api-key';
export {
  API_KEY_PREFIX,
  generateApiKeySecret,
  hashApiKey,
  isWellFormedApiKey,
} from './api-keys/api-key-secret';
export { ApiKeysRepository } from './api-keys/api-keys.repository';
export { ApiKeyVerifier } from './api-keys/api-key-verifier';
export type { AuthenticatedRequest } from './guard/api-key.guard';
export { accessMigrations } from './migrations';
