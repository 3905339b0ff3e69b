import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PgNotificationListener } from './pg-notification-listener';

/** What a load found: a version to use, or a stored version that breaks the rules (not used). */
export type LoadedVersion<T> =
  { version: number; value: T } | { version: number; violations: readonly string[] };

export interface LiveVersionedValueOptions<T> {
  /** What the value is, for messages: 'taxonomy' gives "cannot refresh the taxonomy". */
  name: string;
  /** What the instance does with it, for messages: 'classifying' gives "still classifying with version 3". */
  activity: string;
  /** What a version is called in messages; default `${name} version`. */
  versionLabel?: string;
  /**
   * Reads the newest stored version. `isKnown(version)` is true for the version in use and for one
   * already refused: a loader that can check the newest version number cheaply returns undefined
   * for those instead of reading the document again. Throws when no version can be read (the last
   * good value is kept). The value is used as returned, so freeze it here if it is shared.
   */
  load(isKnown: (version: number) => boolean): Promise<LoadedVersion<T> | undefined>;
  /** Delay between periodic re-reads, the fallback when a notification is missed or disabled. */
  refreshMs: number;
  /** Also re-read whenever Postgres notifies `channel` (and whenever listening starts again). */
  listen?: { dataSource: DataSource; channel: string };
  /** The owner's logger, so that messages keep its context. */
  logger: Logger;
}

/**
 * A versioned document held in memory with live pickup: `start()` loads the newest version (and
 * fails when there is no usable one), then it is re-read every `refreshMs` and, with `listen`, as
 * soon as Postgres notifies a new version. A failed read keeps the last good value and logs a
 * warning; a stored version that breaks the rules is refused, warned about once, and not read
 * again. Reads are numbered as they start, and an answer older than the one applied is dropped, so
 * a slow read that started before a version was created cannot bring back the older one.
 */
export class LiveVersionedValue<T> {
  private readonly logger: Logger;
  private readonly versionLabel: string;
  private loaded: { version: number; value: T } | undefined;
  /** A stored version found to break the rules: not used, and warned about once. */
  private refusedVersion: number | undefined;
  private refreshTimer: NodeJS.Timeout | undefined;
  private listener: PgNotificationListener | undefined;
  private stopped = false;
  private readsStarted = 0;
  private readApplied = 0;

  constructor(private readonly options: LiveVersionedValueOptions<T>) {
    this.logger = options.logger;
    this.versionLabel = options.versionLabel ?? `${options.name} version`;
  }

  /** The value in use now. Throws before `start()` has loaded one. */
  get current(): T {
    if (!this.loaded) throw new Error(`the ${this.options.name} has not been loaded yet`);
    return this.loaded.value;
  }

  /** The version in use now; undefined before the first load. */
  get version(): number | undefined {
    return this.loaded?.version;
  }

  /** Loads the newest version, then keeps it fresh. Throws when no usable version can be read. */
  async start(): Promise<void> {
    const { name } = this.options;
    try {
      await this.read(++this.readsStarted);
    } catch (error) {
      throw new Error(`cannot load the ${name} (has \`npm run migrate\` run?): ${messageOf(error)}`, {
        cause: error,
      });
    }
    if (!this.loaded) {
      throw new Error(
        this.refusedVersion === undefined
          ? `cannot load the ${name} (has \`npm run migrate\` run?): no version was found`
          : `cannot load the ${name}: the newest stored version (${this.refusedVersion}) breaks the rules`,
      );
    }
    this.scheduleRefresh();
    if (this.options.listen) {
      this.listener = new PgNotificationListener(this.options.listen.dataSource, {
        channel: this.options.listen.channel,
        onNotification: () => void this.refresh(),
        // Versions created while the connection was away were not notified: catch up.
        onListening: () => void this.refresh(),
      });
      this.listener.start();
    }
  }

  /** Stops the timer and the listener; the value stays readable. Call before the DataSource closes. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.refreshTimer);
    await this.listener?.stop();
  }

  /**
   * Re-reads the newest version now and returns the value in use afterwards. Never throws: a
   * failure keeps the last good value.
   */
  async refresh(): Promise<T> {
    if (this.stopped) return this.current;
    try {
      await this.read(++this.readsStarted);
    } catch (error) {
      this.logger.warn(
        `cannot refresh the ${this.options.name}, still ${this.options.activity} with version ${this.loaded?.version}: ${messageOf(error)}`,
      );
    }
    return this.current;
  }

  /**
   * Uses a version at once, e.g. one this instance has just created; a read that started earlier
   * cannot replace it afterwards.
   */
  apply(version: number, value: T): void {
    this.use({ version, value }, ++this.readsStarted);
  }

  private async read(readNumber: number): Promise<void> {
    const found = await this.options.load(
      (version) => version === this.loaded?.version || version === this.refusedVersion,
    );
    if (!found) return;
    if ('violations' in found) this.refuse(found.version, found.violations);
    else this.use(found, readNumber);
  }

  private refuse(version: number, violations: readonly string[]): void {
    if (version === this.refusedVersion) return;
    this.refusedVersion = version;
    this.logger.warn(
      `stored ${this.versionLabel} ${version} breaks the rules, not using it` +
        (this.loaded ? ` (still ${this.options.activity} with version ${this.loaded.version})` : '') +
        `: ${violations.join('; ')}`,
    );
  }

  private use(loaded: { version: number; value: T }, readNumber: number): void {
    // A slow read that started before a version was created must not bring back the older one.
    if (readNumber < this.readApplied) return;
    this.readApplied = readNumber;
    if (this.loaded?.version !== loaded.version) {
      const using = `${this.options.activity} with ${this.versionLabel} ${loaded.version}`;
      this.logger.log(this.loaded ? `${using} (was ${this.loaded.version})` : using);
    }
    this.loaded = { version: loaded.version, value: loaded.value };
  }

  private scheduleRefresh(): void {
    if (this.stopped) return;
    this.refreshTimer = setTimeout(() => {
      void this.refresh().finally(() => this.scheduleRefresh());
    }, this.options.refreshMs);
    this.refreshTimer.unref();
  }
}

/** Freezes a plain value and everything it holds, for values shared by every batch and request. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
