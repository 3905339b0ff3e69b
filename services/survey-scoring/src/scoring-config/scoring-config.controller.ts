import { Body, Controller, Get, HttpCode, NotFoundException, Param, Post, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { RequiresScope, ValidationProblemException } from '@supportlens/platform';
import type { Response } from 'express';
import { CreateScoringConfigRequest, toNewScoringConfig } from './create-scoring-config.dto';
import { ScoringConfigProvider } from './scoring-config.provider';
import { ScoringConfigRepository } from './scoring-config.repository';
import { ScoringConfigVersion } from './scoring-config-version';

@ApiTags('scoring configuration')
@RequiresScope('config:admin')
@Controller('v1/config')
export class ScoringConfigController {
  constructor(
    private readonly configs: ScoringConfigRepository,
    private readonly provider: ScoringConfigProvider,
  ) {}

  /** The configuration this instance scores with now (a new version shows here within the refresh interval). */
  @Get()
  @ApiOperation({ summary: 'The scoring configuration in force on this instance, with its version' })
  @ApiOkResponse({
    description: 'The version, its SERVQUAL weights, tolerance, industry benchmarks, note and time.',
  })
  current(): ScoringConfigVersion {
    return this.provider.current;
  }

  /** Every version, newest first. */
  @Get('versions')
  @ApiOperation({ summary: 'Every scoring-configuration version, newest first' })
  @ApiOkResponse({
    description: '`versions`: every version with its weights, tolerance, benchmarks and note.',
  })
  async list(): Promise<{ versions: ScoringConfigVersion[] }> {
    return { versions: await this.configs.list() };
  }

  @Get('versions/:version')
  @ApiOperation({ summary: 'One scoring-configuration version' })
  @ApiParam({
    name: 'version',
    type: 'integer',
    description: 'The configuration version number.',
    example: 2,
  })
  @ApiOkResponse({ description: 'The version with its weights, tolerance, benchmarks and note.' })
  @ApiBadRequestResponse({ description: 'The version is not a whole number (problem+json).' })
  @ApiNotFoundResponse({ description: 'No such version (problem+json).' })
  async get(@Param('version') param: string): Promise<ScoringConfigVersion> {
    const version = parseVersion(param);
    const found = version === undefined ? undefined : await this.configs.get(version);
    if (!found) throw new NotFoundException(`there is no scoring configuration version ${param}`);
    return found;
  }

  /**
   * A new version, numbered after the newest: 201 with its Location. This instance scores with it at
   * once; the others pick it up on their next refresh (at once when they listen for notifications).
   */
  @Post('versions')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Create a scoring-configuration version',
    description:
      'A complete new version (weights, tolerance, benchmarks), never a patch, numbered after the newest. This instance scores with it at once; the others pick it up on their next refresh.',
  })
  @ApiCreatedResponse({ description: 'The new version; its URL is in Location.' })
  @ApiBadRequestResponse({
    description: 'problem+json naming every bad field (`weights`, `benchmarks.retail.score`); nothing stored',
  })
  async create(
    @Body() request: CreateScoringConfigRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ScoringConfigVersion> {
    const created = await this.configs.create(toNewScoringConfig(request));
    await this.provider.refresh();
    response.location(`/v1/config/versions/${created.version}`);
    return created;
  }
}

/** Versions are Postgres integers: a larger number cannot name one. */
const MAX_VERSION = 2_147_483_647;

/** 400 for what is not a whole number; undefined (so 404) for one no version can have. */
function parseVersion(param: string): number | undefined {
  if (!/^\d{1,20}$/.test(param)) {
    throw new ValidationProblemException([
      { field: 'version', message: `version must be a positive whole number (got ${JSON.stringify(param)})` },
    ]);
  }
  const version = Number(param);
  return version >= 1 && version <= MAX_VERSION ? version : undefined;
}
