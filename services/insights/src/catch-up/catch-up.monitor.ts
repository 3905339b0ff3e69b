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
import { DataSource, EntityManager } from 'typeorm';
import { InsightsConfig } from '../config/insights.config';
import { InsightOutbox } from '../outbox/insight-outbox';
import { CustomerStep, READ_MODEL_STEPS, ReadModelStep, SharedStep } from '../read-models/applied-batch';
import { INPUT_CONSUMERS } from '../read-models/input-consumers';
import { CatchUpRepository } from './catch-up.repository';
import { CatchUpThresholds, decideCatchUp } from './domain/catch-up-decision';
import { InputLagReader } from './input-lag.reader';

/** Customers judged per transaction at a catch-up's end: short transactions, few locks held at once. */
const JUDGE_CHUNK = 500;

/**
 * Watches how far the input consumers are behind and turns catch-up on and off
 * (domain/catch-up-decision.ts): on when the lag passes CATCH_UP_ENTER_LAG, checked once before the
 * consumers start (a replay or a backlog is caught up from its first batch) and then every
 * CATCH_UP_CHECK_MS; off at the end of the input. While it is on, batches keep the read models
 * current and judge nothing: they note their customers. At the end the deferred customers are judged
 * in chunks while the catch-up is still on (batches still defer), then the last ones, and every
 * content topic and persona segment, in the transaction that turns it off. That transaction takes the
 * catch-up row exclusively, which waits for the batches in flight (they hold it shared) and holds off
 * new ones, so no customer is left unjudged and topics and segments are judged on final windows. A
 * crash anywhere leaves the list and the flag as committed; the next check (of any instance) goes on.
 */
@Injectable()
export class CatchUpMonitor implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(CatchUpMonitor.name);
  private readonly repository = new CatchUpRepository();
  private readonly lagReader: InputLagReader;
  private readonly thresholds: CatchUpThresholds;
  private readonly customerSteps: CustomerStep[];
  /** The shared steps that judge (content topics, persona signals): judged whole at the end. */
  private readonly judgingSharedSteps: SharedStep[];
  private readonly lagGauge: Gauge;
  private readonly catchingUpGauge: Gauge;
  private lowSinceMs: number | null = null;
  private timer?: NodeJS.Timeout;
  private checking: Promise<void> = Promise.resolve();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(KAFKA_CLIENT) kafka: Kafka,
    @Inject(SERVICE_NAME) serviceName: string,
    private readonly config: InsightsConfig,
    private readonly outbox: InsightOutbox,
    @Inject(READ_MODEL_STEPS) steps: ReadModelStep[],
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
    };
    this.customerSteps = steps.filter((step): step is CustomerStep => step.rows === 'customer');
    this.judgingSharedSteps = steps.filter(
      (step): step is SharedStep => step.rows === 'shared' && step.judgeAll !== undefined,
    );
    this.lagGauge = new Gauge({
      name: 'supportlens_insights_input_lag_events',
      help: 'Input events (both input topics) the consumer groups have not committed yet',
      registers: [metrics.registry],
    });
    this.catchingUpGauge = new Gauge({
      name: 'supportlens_insights_catching_up',
      help: '1 while per-customer judging is deferred to the end of a catch-up',
      registers: [metrics.registry],
    });
  }

  /** Before any consumer starts (they start at application bootstrap): a backlog is caught up whole. */
  async onModuleInit(): Promise<void> {
    await this.check({ finish: false }).catch((error: Error) =>
      this.logger.warn(`could not check the input lag at start: ${error.message}`),
    );
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.checking = this.checking.then(() =>
        this.check({ finish: true }).catch((error: Error) =>
          this.logger.warn(`catch-up check failed, retried on the next tick: ${error.message}`),
        ),
      );
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
    const catchingUp = await this.repository.catchingUp(this.dataSource.manager);
    const decision = decideCatchUp(
      { catchingUp, lag, atMs: Date.now(), lowSinceMs: this.lowSinceMs },
      this.thresholds,
    );
    this.lowSinceMs = decision.lowSinceMs;
    if (decision.action === 'enter') {
      const entered = await this.dataSource.transaction((manager) => this.repository.enter(manager, lag));
      if (entered) this.logger.log(`catching up on ${lag} input events: judging customers at the end`);
    } else if (decision.action === 'finish' && finish) {
      await this.finishCatchUp(lag);
    }
    this.catchingUpGauge.set((await this.repository.catchingUp(this.dataSource.manager)) ? 1 : 0);
  }

  private async finishCatchUp(lag: number): Promise<void> {
    const started = Date.now();
    let judged = 0;
    // While still on: batches keep deferring, so a long list never holds the catch-up row.
    for (;;) {
      const taken = await this.dataSource.transaction((manager) => this.judgeDeferred(manager));
      judged += taken;
      if (taken < JUDGE_CHUNK) break;
    }
    const finished = await this.dataSource.transaction(async (manager) => {
      if (!(await this.repository.lockForFinish(manager))) return false;
      for (;;) {
        const taken = await this.judgeDeferred(manager);
        judged += taken;
        if (taken === 0) break;
      }
      // No batch runs meanwhile (they wait on the row): topics and segments are judged on final windows.
      for (const step of this.judgingSharedSteps) await step.judgeAll?.(manager);
      await this.repository.finish(manager);
      return true;
    });
    if (!finished) return;
    this.lowSinceMs = null;
    this.logger.log(`caught up (lag ${lag}): judged ${judged} customers in ${Date.now() - started} ms`);
    await this.outbox
      .publishPending()
      .catch((error: Error) => this.logger.warn(`insight events left for the next round: ${error.message}`));
  }

  /** Judges up to one chunk of deferred customers in the caller's transaction; returns how many. */
  private async judgeDeferred(manager: EntityManager): Promise<number> {
    const { customerIds, latestEventTime } = await this.repository.takeDeferred(manager, JUDGE_CHUNK);
    if (customerIds.length === 0) return 0;
    for (const step of this.customerSteps) {
      await step.judgeCustomers(manager, customerIds, latestEventTime!);
    }
    return customerIds.length;
  }
}
