/** The database a `postgres://…/<name>` URL points at. */
export function databaseNameOf(url: string): string {
  const name = decodeURIComponent(parsePostgresUrl(url).pathname.replace(/^\//, ''));
  if (!name) throw new Error(`Database URL has no database name: ${redactPassword(url)}`);
  return name;
}

/** The same server, credentials and parameters, but another database (e.g. the `postgres` maintenance one). */
export function withDatabaseName(url: string, databaseName: string): string {
  const parsed = parsePostgresUrl(url);
  parsed.pathname = `/${encodeURIComponent(databaseName)}`;
  return parsed.toString();
}

/** For error messages and logs: never print a password. */
export function redactPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '<unparseable database URL>';
  }
}

function parsePostgresUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error('Invalid database URL: expected postgres://user@host:port/database');
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new Error(`Invalid database URL protocol ${parsed.protocol}: expected postgres://`);
  }
  return parsed;
}
