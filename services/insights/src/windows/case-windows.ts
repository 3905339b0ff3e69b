import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppliedBatch, ReadModelStep } from '../read-models/applied-batch';

// SKELETON: keeps insights.case_daily (and term windows) in step with the case changes.
@Injectable()
export class CaseWindows implements ReadModelStep {
  readonly name = 'case-windows';

  async apply(_manager: EntityManager, _batch: AppliedBatch): Promise<void> {}
}
