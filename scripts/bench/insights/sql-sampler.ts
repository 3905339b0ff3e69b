import { Pool } from 'pg';

export interface SqlShare {
  /** The statement's start, whitespace folded. */
  statement: string;
  /**
   * Connections running it (or waiting in it), on average over the samples, in percent: 100 = one
   * connection all the time. The two consumers run concurrently, so the total can exceed 100.
   */
  percent: number;
  /** What it was waiting on most, when it was waiting (`Lock:advisory`, `IO:WALSync`…). */
  waiting?: string;
}

/**
 * A sampling profiler for the database side: every `intervalMs`, which statements the service's
 * connections are running (pg_stat_activity, state `active`). A statement's share of the samples is
 * its share of the time the service spends waiting on Postgres; the wait events say on what (row
 * or advisory locks, WAL flushes at commit, I/O).
 */
export class SqlSampler {
  private readonly counts = new Map<string, { samples: number; waits: Map<string, number> }>();
  private samples = 0;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly pool: Pool,
    private readonly intervalMs = 20,
    /** Name each statement's connection (`supportlens-classifier: …`): with several services on the database. */
    private readonly byApplication = false,
  ) {}

  start(): void {
    const tick = async () => {
      if (this.stopped) return;
      const { rows } = await this.pool.query<{ query: string; wait: string | null; app: string }>(
        `SELECT query, wait_event_type || ':' || wait_event AS wait, application_name AS app FROM pg_stat_activity
         WHERE datname = current_database() AND state = 'active' AND application_name <> 'bench-probe'
           AND pid <> pg_backend_pid()`,
      );
      this.samples++;
      for (const row of rows) {
        const statement = `${this.byApplication ? row.app : ''}\u0000${row.query.replace(/\s+/g, ' ').trim()}`;
        const entry = this.counts.get(statement) ?? { samples: 0, waits: new Map<string, number>() };
        entry.samples++;
        if (row.wait) entry.waits.set(row.wait, (entry.waits.get(row.wait) ?? 0) + 1);
        this.counts.set(statement, entry);
      }
      this.timer = setTimeout(() => void tick().catch(() => undefined), this.intervalMs);
    };
    void tick();
  }

  /** Stops sampling; the statements by share of the samples, heaviest first. */
  stop(top = 12): { samples: number; statements: SqlShare[] } {
    this.stopped = true;
    clearTimeout(this.timer);
    const statements = [...this.counts]
      .sort((a, b) => b[1].samples - a[1].samples)
      .slice(0, top)
      .map(([key, { samples, waits }]) => {
        const [wait] = [...waits].sort((a, b) => b[1] - a[1]);
        const [app, statement] = key.split('\u0000');
        return {
          statement: app ? `${app}: ${describe(statement)}` : describe(statement),
          percent: (100 * samples) / Math.max(1, this.samples),
          ...(wait
            ? { waiting: `${wait[0]} in ${Math.round((100 * wait[1]) / samples)}% of its samples` }
            : {}),
        };
      });
    return { samples: this.samples, statements };
  }
}

/**
 * A short name for a statement: its start and the tables it touches, and for a `WITH` query the
 * names of its parts (statements often begin alike).
 */
function describe(statement: string): string {
  const tables = [...new Set([...statement.matchAll(/"?insights"?\."?(\w+)"?/g)].map((match) => match[1]))];
  const parts = [...statement.matchAll(/(?:WITH|,)\s+(\w+) AS \(/g)].map((match) => match[1]);
  const start =
    parts.length > 0
      ? `WITH ${parts.slice(0, 6).join(', ')}${parts.length > 6 ? ', …' : ''}`
      : statement.slice(0, 60);
  return `${start} [${tables.join(', ')}]`;
}
