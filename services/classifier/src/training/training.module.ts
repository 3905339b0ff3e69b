import { Module } from '@nestjs/common';
import { LabelledExamplesRepository } from '../labelled-examples/labelled-examples.repository';
import { ModelProvider } from '../model-registry/model-provider';
import { ModelVersionsRepository } from '../model-registry/model-versions.repository';
import { RetrainingScheduler } from './retraining-scheduler';
import { TrainingExecutor } from './training-executor';
import { TrainingController } from './training.controller';
import { TrainingService } from './training.service';

/** Training, the model registry and the live model, shared by the service and the `npm run train` CLI. */
@Module({
  controllers: [TrainingController],
  providers: [
    TrainingService,
    TrainingExecutor,
    RetrainingScheduler,
    ModelVersionsRepository,
    ModelProvider,
    LabelledExamplesRepository,
  ],
  exports: [TrainingService, ModelProvider, LabelledExamplesRepository, RetrainingScheduler],
})
export class TrainingModule {}
