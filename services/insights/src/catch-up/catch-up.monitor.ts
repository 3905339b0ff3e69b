import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleInit,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { consumerGroupId, KAFKA_CLIENT } from '@supportlens/messaging';
import { MetricsService, SERVICE_NAME } from '@supportlens/platform';
import { Kafka } from 'kafkajs';
import { Gauge } from 'prom-client';
import { DataSource } from 'typeorm';
import { InsightsConfig } from '../config/insights.config';
import { INPUT_CONSUMERS } from '../read-models/input-consumers';
import { CatchUpEnd } from './catch-up-end';
import { CatchUpRepository } from './catch-up.repository';
import { CatchUpThresholds, decideCatchUp } from './domain/catch-up-decision';
import { InputLagReader } from './input-lag.reader';

/**
 * Watches how far the input consumers are behind and turns catch-up on and off
 * (domain/catch-up-decision.ts): on when the lag passes CATCH_UP_ENTER_LAG, checked once before the
 * consumers start (a replay or a backlog is caught up from its first batch) and then every
 * CATCH_UP_CHECK_MS; off at the end of the input, once its end has judged what was deferred
 * (catch-up-end.ts). While it is on, batches keep the read models current and judge nothing.
 */
@Injectable()
export class CatchUpMonitor implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(CatchUpMonitor.name);
  private readonly repository = new CatchUpRepository();
  private readonly lagReader: InputLagReader;
  private readonly thresholds: CatchUpThresholds;
  private readonly lagGauge: Gauge;
  private readonly catchingUpGauge: Gauge;
  private lowSinceMs: number | null = null;
  private timer?: NodeJS.Timeout;
  /** The check in progress: a tick that finds one running is skipped, never queued. */
  private checking?: Promise<void>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(KAFKA_CLIENT) kafka: Kafka,
    @Inject(SERVICE_NAME) serviceName: string,
    private readonly config: InsightsConfig,
    private readonly end: CatchUpEnd,
    metrics: MetricsService,
  ) {
    this.lagReader = new InputLagReader(
      kafka,
      Object.values(INPUT_CONSUMERS).map(({ name, topic }) => ({
        groupId: consumerGroupId(config.KAFKA_GROUP_ID_PREFIX, serviceName, name),
        topic,
      })),
    );
    this.thresholds = {
      enterLag: config.CATCH_UP_ENTER_LAG,
      exitLag: config.CATCH_UP_EXIT_LAG,
      exitAfterMs: config.CATCH_UP_EXIT_AFTER_MS,
      maxMs: config.CATCH_UP_MAX_MS,
    };
    this.lagGauge = new Gauge({
      name: 'supportlens_insights_input_lag_events',
      help: 'Input events (both input topics) the consumer groups have not committed yet',
      registers: [metrics.registry],
    });
    this.catchingUpGauge = new Gauge({
      name: 'supportlens_insights_catching_up',
      help: '1 while judging is deferred to the end of a catch-up',
      registers: [metrics.registry],
    });
  }

  /**
   * Before any consumer starts (they start at application bootstrap), so a backlog is caught up
   * whole. If the broker or the database cannot answer yet, the service starts judging batch by
   * batch and a later check may still turn catch-up on.
   */
  async onModuleInit(): Promise<void> {
    await this.check({ finish: false }).catch((error: Error) =>
      this.logger.warn(`could not check the input lag at start: ${error.message}`),
    );
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      if (this.checking) return;
      this.checking = this.check({ finish: true })
        .catch((error: Error) =>
          this.logger.warn(`catch-up check failed, retried on the next tick: ${error.message}`),
        )
        .finally(() => (this.checking = undefined));
    }, this.config.CATCH_UP_CHECK_MS);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.checking;
    await this.lagReader.close();
  }

  private async check({ finish }: { finish: boolean }): Promise<void> {
    const lag = await this.lagReader.lag();
    this.lagGauge.set(lag);
    const state = await this.repository.state(this.dataSource.manager);
    const decision = decideCatchUp(
      {
        catchingUp: state.catchingUp,
        sinceMs: state.enteredAt?.getTime() ?? null,
        lag,
        atMs: Date.now(),
        lowSinceMs: this.lowSinceMs,
      },
      this.thresholds,
    );
    this.lowSinceMs = decision.lowSinceMs;
    if (decision.action === 'enter') {
      const entered = await this.dataSource.transaction((manager) => this.repository.enter(manager, lag));
      if (entered) this.logger.log(`catching up on ${lag} input events: judging at the end`);
    } else if (decision.action === 'finish' && finish) {
      if (await this.end.finish(state.enteredAt)) this.lowSinceMs = null;
    }
    this.catchingUpGauge.set((await this.repository.state(this.dataSource.manager)).catchingUp ? 1 : 0);
  }
}
