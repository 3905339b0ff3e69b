import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ProfileRefresher } from '../customers/profile-refresher';
import { InsightOutbox } from '../outbox/insight-outbox';
import { CustomerStep, READ_MODEL_STEPS, ReadModelStep, SharedStep } from '../read-models/applied-batch';
import { CatchUpRepository } from './catch-up.repository';

/** Customers judged per transaction: short transactions, few locks held at once. */
const JUDGE_CHUNK = 500;

/**
 * The end of a catch-up: refreshes the profiles of the customers batches deferred and judges them,
 * then turns catch-up off.
 *
 * 1. While catch-up is still on (batches still defer), the customers on the list when the end began
 *    are judged in chunks, one transaction each, taking only customers whose locks are free.
 * 2. Then one transaction takes the catch-up lock exclusively, which waits for the batches in flight
 *    and holds off new ones: it judges the customers they added (one chunk at most; with more left,
 *    or some held by another instance's chunk, it commits what it judged and leaves the end to the
 *    next check), then every content topic and persona segment on the final windows, and turns
 *    catch-up off.
 *
 * Several instances may end one catch-up at once: their chunks never overlap, and the second final
 * transaction finds catch-up off. A crash anywhere leaves the list and the flag as committed.
 */
@Injectable()
export class CatchUpEnd {
  private readonly logger = new Logger(CatchUpEnd.name);
  private readonly repository = new CatchUpRepository();
  private readonly profiles = new ProfileRefresher();
  private readonly customerSteps: CustomerStep[];
  /** The shared steps that judge (content topics, persona signals): judged whole at the end. */
  private readonly judgingSharedSteps: SharedStep[];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: InsightOutbox,
    @Inject(READ_MODEL_STEPS) steps: ReadModelStep[],
  ) {
    this.customerSteps = steps.filter((step): step is CustomerStep => step.rows === 'customer');
    this.judgingSharedSteps = steps.filter(
      (step): step is SharedStep => step.rows === 'shared' && step.judgeAll !== undefined,
    );
  }

  /**
   * Ends the catch-up that began at `enteredAt` (the one the caller decided to end: if another
   * instance ended it and a new one began meanwhile, that one is left alone). Returns whether it is
   * over (false: customers are left for the next check).
   */
  async finish(enteredAt: Date | null): Promise<boolean> {
    const started = Date.now();
    let judged = 0;
    const chunks = Math.ceil((await this.repository.deferredCount(this.dataSource.manager)) / JUDGE_CHUNK);
    for (let chunk = 0; chunk < chunks; chunk++) {
      const taken = await this.dataSource.transaction((manager) => this.judgeDeferred(manager));
      judged += taken;
      if (taken === 0) break;
    }
    const finished = await this.dataSource.transaction(async (manager) => {
      const state = await this.repository.lockExclusively(manager);
      if (!state.catchingUp || state.enteredAt?.getTime() !== enteredAt?.getTime()) return false;
      judged += await this.judgeDeferred(manager);
      if ((await this.repository.deferredCount(manager)) > 0) return false;
      for (const step of this.judgingSharedSteps) await step.judgeAll?.(manager);
      await this.repository.finish(manager);
      return true;
    });
    this.logger.log(
      `${finished ? 'caught up' : 'catch-up ending'}: judged ${judged} customers in ${Date.now() - started} ms`,
    );
    await this.outbox
      .publishPending()
      .catch((error: Error) => this.logger.warn(`insight events left for the next round: ${error.message}`));
    return finished;
  }

  /** Judges up to one chunk of deferred customers in the caller's transaction; returns how many. */
  private async judgeDeferred(manager: EntityManager): Promise<number> {
    const { customerIds, eventTimes } = await this.repository.takeDeferred(manager, JUDGE_CHUNK);
    if (customerIds.length === 0) return 0;
    // Batches deferred the profiles with the judging: each is derived once, on the final facts.
    await this.profiles.refresh(manager, customerIds);
    for (const step of this.customerSteps) {
      await step.judgeCustomers(manager, customerIds, (customerId) => eventTimes.get(customerId)!);
    }
    return customerIds.length;
  }
}
