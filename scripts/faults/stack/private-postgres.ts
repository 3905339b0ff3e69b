import { chownSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { freePort } from './free-port';
import { runCommand } from './run-command';

const BIN = process.env.PG_BIN_DIR ?? '/usr/lib/postgresql/15/bin';

/**
 * A Postgres cluster of the fault suite's own (initdb into a temporary folder, its own port), so a
 * scenario can stop and start the server without touching the developer's. Run as the `postgres`
 * user when the suite runs as root (Postgres refuses root).
 */
export class PrivatePostgres {
  private constructor(
    readonly dataDir: string,
    readonly port: number,
  ) {}

  get serverUrl(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  static async start(): Promise<PrivatePostgres> {
    const parent = mkdtempSync(path.join(tmpdir(), 'supportlens-faults-pg-'));
    const dataDir = path.join(parent, 'data');
    if (process.getuid?.() === 0) chownSync(parent, ...postgresIds());
    const port = await freePort();
    await asPostgres(`${BIN}/initdb`, [
      '-D',
      dataDir,
      '-U',
      'postgres',
      '--auth=trust',
      '-E',
      'UTF8',
      '--no-sync',
    ]);
    const server = new PrivatePostgres(dataDir, port);
    await server.startServer();
    return server;
  }

  /** Starts the server (again): the same data, the same port. */
  async startServer(): Promise<void> {
    await asPostgres(`${BIN}/pg_ctl`, [
      '-D',
      this.dataDir,
      '-l',
      path.join(this.dataDir, '..', 'server.log'),
      '-o',
      `-p ${this.port} -k ${path.join(this.dataDir, '..')} -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=on`,
      '-w',
      'start',
    ]);
  }

  /** Stops the server: `fast` ends every session at once (what a crash looks like to clients). */
  async stopServer(mode: 'fast' | 'immediate' = 'fast'): Promise<void> {
    await asPostgres(`${BIN}/pg_ctl`, ['-D', this.dataDir, '-m', mode, '-w', 'stop']);
  }

  async destroy(): Promise<void> {
    await this.stopServer('immediate').catch(() => undefined);
    rmSync(path.dirname(this.dataDir), { recursive: true, force: true });
  }
}

function asPostgres(command: string, args: string[]): Promise<string> {
  return process.getuid?.() === 0
    ? runCommand('runuser', ['-u', 'postgres', '--', command, ...args])
    : runCommand(command, args);
}

function postgresIds(): [number, number] {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('postgres:'));
  if (!line) throw new Error('no postgres user to run the private Postgres as');
  const [, , uid, gid] = line.split(':');
  return [Number(uid), Number(gid)];
}
