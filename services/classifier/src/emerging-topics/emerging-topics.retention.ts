import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { utcDay } from './domain/rolling-window';
import { EmergingTopicsRepository } from './emerging-topics.repository';
import { EMERGING_TOPICS_SETTINGS, EmergingTopicsSettings } from './emerging-topics.settings';

const DAY_MS = 24 * 60 * 60 * 1000;
const FIRST_RUN_DELAY_MS = 60_000;

/**
 * Deletes emerging-topics history older than `retentionDays`, a minute after start and then daily.
 * Every instance does it; the deletes are idempotent. A failure is logged and retried next time.
 */
@Injectable()
export class EmergingTopicsRetention implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(EmergingTopicsRetention.name);
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: EmergingTopicsRepository,
    @Inject(EMERGING_TOPICS_SETTINGS) private readonly settings: EmergingTopicsSettings,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setTimeout(() => void this.runAndReschedule(), FIRST_RUN_DELAY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Deletes what is older than the retention; returns the first day kept. */
  async prune(now = new Date()): Promise<string> {
    const keepFrom = utcDay(new Date(now.getTime() - this.settings.retentionDays * DAY_MS));
    await this.dataSource.transaction((manager) => this.repository.prune(manager, keepFrom));
    return keepFrom;
  }

  private async runAndReschedule(): Promise<void> {
    try {
      await this.prune();
    } catch (error) {
      this.logger.warn(
        `cannot prune emerging-topics history: ${error instanceof Error ? error.message : error}`,
      );
    }
    if (this.timer === undefined) return; // shut down meanwhile
    this.timer = setTimeout(() => void this.runAndReschedule(), DAY_MS);
    this.timer.unref();
  }
}
