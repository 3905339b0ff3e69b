import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppliedBatch, SharedStep } from '../read-models/applied-batch';
import { CaseWindowsRepository } from './case-windows.repository';
import { batchWindowDeltas } from './batch-window-deltas';

/**
 * Keeps the rolling windows in step with the case facts, in the ReadModelWriter's transaction:
 * `insights.case_daily` (group × issue code × channel × day), `insights.term_daily` (key terms of the
 * term pool × day) and `insights.group_daily` (group × day). Each written case version's stored
 * contribution is taken out and its new one put in, netted in memory and applied in one statement per
 * table, so a redelivery adds nothing, a correction or a reclassification moves exactly its own
 * contribution, and a detector sums a few days of a key instead of rescanning the facts.
 * Runs first: the detectors read the windows.
 */
@Injectable()
export class CaseWindows implements SharedStep {
  readonly name = 'case-windows';
  readonly rows = 'shared';
  private readonly repository = new CaseWindowsRepository();

  async apply(manager: EntityManager, batch: AppliedBatch): Promise<void> {
    if (batch.caseChanges.length === 0) return;
    await this.repository.applyDeltas(manager, batchWindowDeltas(batch));
  }
}
