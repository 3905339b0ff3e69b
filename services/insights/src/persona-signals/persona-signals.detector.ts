import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppliedBatch, ReadModelStep } from '../read-models/applied-batch';

// SKELETON: tests the segments the batch touched against the base and their own past.
@Injectable()
export class PersonaSignalsDetector implements ReadModelStep {
  readonly name = 'persona-signals';

  async apply(_manager: EntityManager, _batch: AppliedBatch): Promise<void> {}
}
