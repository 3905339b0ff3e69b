import { Logger } from '@nestjs/common';
import { Client, ClientConfig } from 'pg';
import { DataSource } from 'typeorm';
import { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';

/** The channel the `scoring_configs` insert trigger notifies, with the new version as payload. */
export const SCORING_CONFIG_CHANNEL = 'survey_scoring_config';

const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 30_000;

export interface ConfigChangeListenerCallbacks {
  /** A version was created somewhere (payload: the version, as text). */
  onNotification(payload: string | undefined): void;
  /** Listening (again): notifications sent while the connection was away are lost, so catch up. */
  onListening(): void;
}

/**
 * `LISTEN survey_scoring_config` on a connection of its own (a pooled one would be handed to other
 * queries, and LISTEN belongs to one session), with the DataSource's connection settings. When the
 * connection fails or ends it is replaced, with capped backoff, for as long as the listener runs.
 * The refresh timer stays the fallback: this only makes pickup faster.
 */
export class ConfigChangeListener {
  private readonly logger = new Logger(ConfigChangeListener.name);
  private client: Client | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private failures = 0;
  private stopped = false;

  constructor(
    private readonly connectionConfig: ClientConfig,
    private readonly callbacks: ConfigChangeListenerCallbacks,
  ) {}

  /** The DataSource's own settings (URL or host/port/user/database, TLS), under a name of its own. */
  static connectionConfigOf(dataSource: DataSource): ClientConfig {
    const options = dataSource.options as PostgresConnectionOptions;
    return {
      connectionString: options.url,
      host: options.host,
      port: options.port,
      user: options.username,
      password: options.password as ClientConfig['password'],
      database: options.database,
      ssl: options.ssl as ClientConfig['ssl'],
      application_name: `${options.applicationName ?? 'supportlens-survey_scoring'}-listen`,
      connectionTimeoutMillis: options.connectTimeoutMS,
      // A silently dropped connection is noticed by the OS keepalive, then replaced.
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
    };
  }

  start(): void {
    this.stopped = false;
    void this.open();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async open(): Promise<void> {
    if (this.stopped) return;
    const client = new Client(this.connectionConfig);
    this.client = client;
    // Listeners stay attached for the client's whole life: an 'error' without one would crash the process.
    client.on('error', (error) => this.replace(client, error));
    client.on('end', () => this.replace(client, new Error('connection ended')));
    client.on('notification', (message) => {
      if (message.channel === SCORING_CONFIG_CHANNEL) this.callbacks.onNotification(message.payload);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${SCORING_CONFIG_CHANNEL}`);
    } catch (error) {
      this.replace(client, error);
      return;
    }
    if (this.client !== client) return; // stopped or replaced meanwhile
    if (this.failures > 0) this.logger.log(`listening on ${SCORING_CONFIG_CHANNEL} again`);
    this.failures = 0;
    this.callbacks.onListening();
  }

  /** Drops a failed connection (once, however many events it raises) and opens a new one later. */
  private replace(client: Client, error: unknown): void {
    if (this.client !== client) return;
    this.client = undefined;
    void client.end().catch(() => undefined);
    if (this.stopped) return;
    const delay = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** this.failures);
    this.failures++;
    this.logger.warn(
      `LISTEN ${SCORING_CONFIG_CHANNEL} connection failed (${errorMessage(error)}); reconnecting in ${delay} ms, the refresh timer covers meanwhile`,
    );
    this.retryTimer = setTimeout(() => void this.open(), delay);
    this.retryTimer.unref();
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
