import { createHash, randomBytes } from 'node:crypto';

/** Every key starts with this, so a leaked one is recognisable (secret scanners, logs). */
export const API_KEY_PREFIX = 'slk_';
/** 32 random bytes: guessing is hopeless, so a fast hash is enough to store them (no salt or KDF). */
const SECRET_BYTES = 32;
const KEY_PATTERN = /^slk_[A-Za-z0-9_-]{43}$/;
/** How much of a key is kept in clear to tell keys apart in a listing. */
const DISPLAY_PREFIX_LENGTH = 12;

export interface NewApiKeySecret {
  /** The key itself: shown once, never stored. */
  key: string;
  /** SHA-256 of the key, hex: what is stored and looked up. */
  hash: string;
  /** The first characters, stored in clear for listings. */
  displayPrefix: string;
}

export function generateApiKeySecret(): NewApiKeySecret {
  const key = API_KEY_PREFIX + randomBytes(SECRET_BYTES).toString('base64url');
  return { key, hash: hashApiKey(key), displayPrefix: key.slice(0, DISPLAY_PREFIX_LENGTH) };
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** A string that could be a key; anything else is refused without touching the database. */
export function isWellFormedApiKey(candidate: string): boolean {
  return KEY_PATTERN.test(candidate);
}

/**
 * The credential of a request: `Authorization: Bearer <key>` or `X-API-Key: <key>`. Undefined when
 * neither header is there; an empty string when one is there but holds nothing usable.
 */
export function credentialFrom(headers: Record<string, string | string[] | undefined>): string | undefined {
  const authorization = single(headers.authorization);
  if (authorization !== undefined) {
    const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization);
    return match ? match[1] : '';
  }
  const apiKey = single(headers['x-api-key']);
  return apiKey === undefined ? undefined : apiKey.trim();
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
