import { ApiKeysUsageError, parseApiKeysCommand } from './api-keys-command';

describe('parseApiKeysCommand', () => {
  it('reads create with a name and known scopes, without duplicates', () => {
    expect(
      parseApiKeysCommand([
        'create',
        '--name',
        'marketing hub',
        '--scopes',
        'insights:read, insights:read,metrics:read',
      ]),
    ).toEqual({ kind: 'create', name: 'marketing hub', scopes: ['insights:read', 'metrics:read'] });
  });

  it('names what is wrong with create', () => {
    expect(() => parseApiKeysCommand(['create', '--scopes', 'insights:read'])).toThrow(/--name/);
    expect(() => parseApiKeysCommand(['create', '--name', 'x'])).toThrow(/--scopes/);
    expect(() => parseApiKeysCommand(['create', '--name', 'x', '--scopes', 'insights:read,root'])).toThrow(
      new ApiKeysUsageError('unknown scope(s): root'),
    );
  });

  it('reads revoke with a key id and list', () => {
    const id = '0b6c7a52-8f0e-4a53-9b1a-1f3c2d4e5f60';
    expect(parseApiKeysCommand(['revoke', id])).toEqual({ kind: 'revoke', id });
    expect(() => parseApiKeysCommand(['revoke', 'slk_abc'])).toThrow(/UUID/);
    expect(parseApiKeysCommand(['list'])).toEqual({ kind: 'list' });
  });

  it('shows help for no command and refuses unknown ones', () => {
    expect(parseApiKeysCommand([])).toEqual({ kind: 'help' });
    expect(parseApiKeysCommand(['--help'])).toEqual({ kind: 'help' });
    expect(() => parseApiKeysCommand(['delete'])).toThrow(/unknown command delete/);
  });
});
