import { Body, Controller, Get, HttpCode, NotFoundException, Param, Post, Res } from '@nestjs/common';
import { ValidationProblemException } from '@supportlens/platform';
import type { Response } from 'express';
import { CreateScoringConfigRequest, toNewScoringConfig } from './create-scoring-config.dto';
import { ScoringConfigProvider } from './scoring-config.provider';
import { ScoringConfigRepository } from './scoring-config.repository';
import { ScoringConfigVersion } from './scoring-config-version';

@Controller('v1/config')
export class ScoringConfigController {
  constructor(
    private readonly configs: ScoringConfigRepository,
    private readonly provider: ScoringConfigProvider,
  ) {}

  /** The configuration this instance scores with now (a new version shows here within the refresh interval). */
  @Get()
  current(): ScoringConfigVersion {
    return this.provider.current;
  }

  /** Every version, newest first. */
  @Get('versions')
  async list(): Promise<{ versions: ScoringConfigVersion[] }> {
    return { versions: await this.configs.list() };
  }

  @Get('versions/:version')
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
