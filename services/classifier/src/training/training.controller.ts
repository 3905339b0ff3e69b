import {
  Body,
  Controller,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  ParseIntPipe,
  Post,
} from '@nestjs/common';
import { ProblemException } from '@supportlens/platform';
import { LabelledExamplesRepository } from '../labelled-examples/labelled-examples.repository';
import { ModelVersionsRepository, ModelVersionSummary } from '../model-registry/model-versions.repository';
import { TrainingRequestDto } from './training-request.dto';
import { NoTrainingDataError, TrainingOutcome, TrainingService } from './training.service';

@Controller('v1')
export class TrainingController {
  constructor(
    private readonly training: TrainingService,
    private readonly versions: ModelVersionsRepository,
    private readonly labelled: LabelledExamplesRepository,
  ) {}

  /** Trains a new model version; answers once it is evaluated, stored and (if not worse) promoted. */
  @Post('training')
  @HttpCode(201)
  async train(@Body() request: TrainingRequestDto): Promise<TrainingOutcome> {
    try {
      return await this.training.train(request);
    } catch (error) {
      if (error instanceof NoTrainingDataError || /at least 2 codes/.test((error as Error).message)) {
        throw new ProblemException({
          status: 422,
          type: 'no-training-data',
          title: 'Nothing to train on',
          detail: (error as Error).message,
        });
      }
      throw error;
    }
  }

  @Get('models')
  async models(): Promise<{ models: ModelVersionSummary[] }> {
    return { models: await this.versions.list() };
  }

  @Get('models/:version')
  async model(@Param('version', ParseIntPipe) version: number): Promise<ModelVersionSummary> {
    const model = await this.versions.get(version);
    if (!model) throw new NotFoundException(`no model version ${version}`);
    return model;
  }

  /** How often the classifier agrees with the codes agents assign. */
  @Get('agreement')
  agreement(): ReturnType<LabelledExamplesRepository['agreement']> {
    return this.labelled.agreement();
  }
}
