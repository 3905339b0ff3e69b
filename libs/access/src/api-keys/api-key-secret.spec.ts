import { credentialFrom, generateApiKeySecret, hashApiKey, isWellFormedApiKey } from './api-key-secret';

describe('API key secrets', () => {
  it('generates distinct well-formed keys whose hash is what is stored', () => {
    const a = generateApiKeySecret();
    const b = generateApiKeySecret();
    expect(a.key).not.toBe(b.key);
    expect(isWellFormedApiKey(a.key)).toBe(true);
    expect(a.hash).toBe(hashApiKey(a.key));
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.key.startsWith(a.displayPrefix)).toBe(true);
    expect(a.displayPrefix).toHaveLength(12);
  });

  it('refuses strings that cannot be keys', () => {
    const { key } = generateApiKeySecret();
    expect(isWellFormedApiKey(key.slice(0, -1))).toBe(false);
    expect(isWellFormedApiKey(`${key}x`)).toBe(false);
    expect(isWellFormedApiKey(key.replace('slk_', 'abc_'))).toBe(false);
    expect(isWellFormedApiKey('')).toBe(false);
  });

  it('reads the credential from Authorization: Bearer or X-API-Key', () => {
    expect(credentialFrom({ authorization: 'Bearer slk_abc' })).toBe('slk_abc');
    expect(credentialFrom({ authorization: 'bearer   slk_abc ' })).toBe('slk_abc');
    expect(credentialFrom({ 'x-api-key': ' slk_abc ' })).toBe('slk_abc');
    expect(credentialFrom({ 'x-api-key': ['slk_1', 'slk_2'] })).toBe('slk_1');
    expect(credentialFrom({})).toBeUndefined();
  });

  it('takes a present but unusable Authorization header as an empty credential, not as none', () => {
    expect(credentialFrom({ authorization: 'Basic dXNlcjpwYXNz' })).toBe('');
    expect(credentialFrom({ authorization: 'Bearer' })).toBe('');
    expect(credentialFrom({ authorization: 'Bearer a b' })).toBe('');
  });
});
