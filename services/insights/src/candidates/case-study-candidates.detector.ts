import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppliedBatch, ReadModelStep } from '../read-models/applied-batch';

// SKELETON: re-assesses the batch's customers as case-study, reference and focus-group candidates.
@Injectable()
export class CaseStudyCandidatesDetector implements ReadModelStep {
  readonly name = 'case-study-candidates';

  async apply(_manager: EntityManager, _batch: AppliedBatch): Promise<void> {}
}
