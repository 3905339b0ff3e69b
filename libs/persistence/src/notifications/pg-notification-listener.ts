import { Logger } from '@nestjs/common';
import { Client, ClientConfig } from 'pg';
import { DataSource } from 'typeorm';
import { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import { assertIdentifier } from '../sql/identifiers';

const DEFAULT_FIRST_RETRY_MS = 500;
const DEFAULT_MAX_RETRY_MS = 30_000;

export interface PgNotificationListenerOptions {
  /**
   * The channel to LISTEN on. A channel cannot be bound as a parameter, so it must be a lower-case
   * snake_case identifier (what `pg_notify('…', …)` in our triggers uses).
   */
  channel: string;
  /** A notification arrived on the channel (payload as sent, undefined when none). */
  onNotification(payload: string | undefined): void;
  /**
   * Listening (again). Notifications sent while the connection was away are lost, so a caller that
   * keeps state in sync should catch up here.
   */
  onListening?(): void;
  /** First reconnect delay; it doubles after every failure up to `maxRetryMs`. Default 500 ms. */
  firstRetryMs?: number;
  /** Longest reconnect delay. Default 30 s. */
  maxRetryMs?: number;
}

/**
 * `LISTEN <channel>` on a connection of its own (a pooled one would be handed to other queries, and
 * LISTEN belongs to one session), with the DataSource's connection settings. When the connection
 * fails or ends it is replaced, with capped exponential backoff, for as long as the listener runs;
 * `stop()` closes it for good. Callers should keep a refresh timer as the fallback: notifications
 * only make pickup faster, and they cannot cross a PgBouncer in transaction pooling mode.
 *
 *   const listener = new PgNotificationListener(dataSource, {
 *     channel: 'classifier_taxonomy',
 *     onNotification: () => void refresh(),
 *     onListening: () => void refresh(),
 *   });
 *   listener.start();          // in onModuleInit
 *   await listener.stop();     // in beforeApplicationShutdown, before the DataSource closes
 */
export class PgNotificationListener {
  private readonly logger: Logger;
  private readonly connectionConfig: ClientConfig;
  private readonly channel: string;
  private readonly firstRetryMs: number;
  private readonly maxRetryMs: number;
  private client: Client | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private failures = 0;
  private stopped = true;
  private isListening = false;

  constructor(
    source: DataSource | ClientConfig,
    private readonly options: PgNotificationListenerOptions,
  ) {
    this.channel = assertIdentifier(options.channel, 'notification channel');
    this.connectionConfig =
      source instanceof DataSource ? PgNotificationListener.connectionConfigOf(source) : source;
    this.firstRetryMs = options.firstRetryMs ?? DEFAULT_FIRST_RETRY_MS;
    this.maxRetryMs = options.maxRetryMs ?? DEFAULT_MAX_RETRY_MS;
    this.logger = new Logger(`${PgNotificationListener.name}(${this.channel})`);
  }

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
      application_name: `${options.applicationName ?? 'supportlens'}-listen`,
      connectionTimeoutMillis: options.connectTimeoutMS,
      // A silently dropped connection is noticed by the OS keepalive, then replaced.
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
    };
  }

  /** True while a connection is listening (false while reconnecting and after stop). */
  get listening(): boolean {
    return this.isListening;
  }

  /** Starts listening in the background; connection failures are retried, never thrown. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.failures = 0;
    void this.open();
  }

  /** Stops for good (until the next start): no reconnect, the connection closed. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.isListening = false;
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
      if (message.channel !== this.channel) return;
      this.safely('onNotification', () => this.options.onNotification(message.payload));
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${this.channel}`);
    } catch (error) {
      this.replace(client, error);
      return;
    }
    if (this.client !== client) return; // stopped or replaced meanwhile
    if (this.failures > 0) this.logger.log(`listening on ${this.channel} again`);
    this.failures = 0;
    this.isListening = true;
    if (this.options.onListening) this.safely('onListening', () => this.options.onListening!());
  }

  /** Drops a failed connection (once, however many events it raises) and opens a new one later. */
  private replace(client: Client, error: unknown): void {
    if (this.client !== client) return;
    this.client = undefined;
    this.isListening = false;
    void client.end().catch(() => undefined);
    if (this.stopped) return;
    const delay = Math.min(this.maxRetryMs, this.firstRetryMs * 2 ** this.failures);
    this.failures++;
    this.logger.warn(
      `LISTEN ${this.channel} connection failed (${errorMessage(error)}); reconnecting in ${delay} ms`,
    );
    this.retryTimer = setTimeout(() => void this.open(), delay);
    this.retryTimer.unref();
  }

  /** A callback that throws must not take the connection (or the process) down with it. */
  private safely(name: string, callback: () => void): void {
    try {
      callback();
    } catch (error) {
      this.logger.error(`${name} callback failed: ${errorMessage(error)}`);
    }
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
