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
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { ProblemException, RequiresScope } from '@supportlens/platform';
import { LabelledExamplesRepository } from '../labelled-examples/labelled-examples.repository';
import { ModelVersionsRepository, ModelVersionSummary } from '../model-registry/model-versions.repository';
import { TrainingRequestDto } from './training-request.dto';
import { NoTrainingDataError, TrainingOutcome, TrainingService } from './training.service';

@ApiTags('models')
@RequiresScope('config:admin')
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
  @ApiOperation({
    summary: 'Train a new model version',
    description:
      'Trains on the labels agents gave in the pipeline and/or the examples given, evaluates against the promoted model on the same holdout, stores the version and promotes it unless it does worse (or `force`). Answers when done; a second request while one is training waits for the same run.',
  })
  @ApiCreatedResponse({
    description: 'The new model version (evaluation, baseline, promoted or not) and the reason.',
  })
  @ApiBadRequestResponse({ description: 'problem+json naming each bad field' })
  @ApiUnprocessableEntityResponse({
    description: 'Nothing to train on: fewer than 2 issue codes with examples (problem+json).',
  })
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
  @ApiOperation({ summary: 'Every model version, with its evaluation' })
  @ApiOkResponse({
    description: '`models`: every version with its evaluation, baseline and whether it was promoted.',
  })
  async models(): Promise<{ models: ModelVersionSummary[] }> {
    return { models: await this.versions.list() };
  }

  @Get('models/:version')
  @ApiOperation({ summary: 'One model version' })
  @ApiParam({ name: 'version', type: 'integer', description: 'The model version number.', example: 3 })
  @ApiOkResponse({ description: 'The version with its evaluation, baseline and whether it was promoted.' })
  @ApiBadRequestResponse({ description: 'The version is not a whole number (problem+json).' })
  @ApiNotFoundResponse({ description: 'No such version (problem+json).' })
  async model(@Param('version', ParseIntPipe) version: number): Promise<ModelVersionSummary> {
    const model = await this.versions.get(version);
    if (!model) throw new NotFoundException(`no model version ${version}`);
    return model;
  }

  /** How often the classifier agrees with the codes agents assign. */
  @Get('agreement')
  @ApiOperation({ summary: 'How often the classifier agrees with the codes agents assign' })
  @ApiOkResponse({
    description:
      'The share of agents’ labels the classifier would have given by itself, overall (null without labels) and per code, with the number of examples.',
  })
  agreement(): ReturnType<LabelledExamplesRepository['agreement']> {
    return this.labelled.agreement();
  }
}
