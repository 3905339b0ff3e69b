import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppliedBatch, ReadModelStep } from '../read-models/applied-batch';

// SKELETON: raises, updates and clears content topics for the issue codes and terms the batch touched.
@Injectable()
export class ContentTopicsDetector implements ReadModelStep {
  readonly name = 'content-topics';

  async apply(_manager: EntityManager, _batch: AppliedBatch): Promise<void> {}
}
