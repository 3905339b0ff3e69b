import { Body, Controller, Get, HttpCode, NotFoundException, Param, Post, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { FieldError, RequiresScope, ValidationProblemException } from '@supportlens/platform';
import type { Response } from 'express';
import { DEFAULT_INSIGHT_SETTINGS } from './domain/insight-settings';
import { isStorableText } from './domain/json-shape';
import { applySettingsPatch } from './domain/validate-insight-settings';
import { InsightSettingsProvider } from './insight-settings.provider';
import { InsightSettingsVersionList, InsightSettingsVersionView } from './insight-settings.view';
import { jsonSchemaOf } from './json-schema-of';

export const MAX_NOTE_LENGTH = 2000;
/** Versions are Postgres integers: a larger number cannot name one. */
const MAX_VERSION = 2_147_483_647;

const PATCH_SCHEMA = jsonSchemaOf(DEFAULT_INSIGHT_SETTINGS, true);

@ApiTags('settings')
@RequiresScope('config:admin')
@Controller('v1/settings')
export class InsightSettingsController {
  constructor(private readonly provider: InsightSettingsProvider) {}

  /** The settings this instance detects with now (a new version shows here within the refresh interval). */
  @Get()
  @ApiOperation({ summary: 'The insight settings in force on this instance, with their version' })
  @ApiOkResponse({ type: InsightSettingsVersionView })
  current(): InsightSettingsVersionView {
    return this.provider.currentVersion;
  }

  @Get('versions')
  @ApiOperation({ summary: 'Every settings version, newest first; version 0 (the code defaults) last' })
  @ApiOkResponse({ type: InsightSettingsVersionList })
  async list(): Promise<InsightSettingsVersionList> {
    return { versions: await this.provider.versions() };
  }

  @Get('versions/:version')
  @ApiOperation({ summary: 'One settings version (0: the code defaults)' })
  @ApiParam({ name: 'version', type: Number, description: 'A version number, 0 for the code defaults' })
  @ApiOkResponse({ type: InsightSettingsVersionView })
  @ApiNotFoundResponse({ description: 'No such version (problem+json)' })
  async get(@Param('version') param: string): Promise<InsightSettingsVersionView> {
    const version = parseVersion(param);
    const found = version === undefined ? undefined : await this.provider.version(version);
    if (!found) throw new NotFoundException(`there is no insight settings version ${param}`);
    return found;
  }

  /**
   * A new version: the posted settings merged over the newest version (a setting not named keeps its
   * value, an object is merged key by key, an array is replaced), checked, then stored; 201 with its
   * Location. This instance uses it at once, the others on their next refresh (at once when they
   * listen for notifications). 400 names every bad field (`churnRisk.raiseThreshold`) and stores nothing.
   */
  @Post('versions')
  @HttpCode(201)
  @ApiOperation({ summary: 'Create a settings version from a partial document and an optional note' })
  @ApiBody({
    description:
      'Only the settings to change, by section (`{"churnRisk": {"raiseThreshold": 70}}`), and an optional ' +
      '`note` saying why. Values keep the JSON type of their default; each section has its own rules.',
    schema: {
      ...PATCH_SCHEMA,
      properties: {
        ...PATCH_SCHEMA.properties,
        note: { type: 'string', maxLength: MAX_NOTE_LENGTH, description: 'Why the version is made' },
      },
    },
  })
  @ApiCreatedResponse({ type: InsightSettingsVersionView })
  @ApiBadRequestResponse({ description: 'problem+json naming every bad field; nothing stored' })
  async create(
    @Body() body: unknown,
    @Res({ passthrough: true }) response: Response,
  ): Promise<InsightSettingsVersionView> {
    const { patch, note, errors } = splitBody(body);
    if (errors.length > 0) {
      // Nothing is stored; the settings are checked too, so that one answer names every bad field.
      const check = applySettingsPatch(this.provider.current.settings, patch);
      throw new ValidationProblemException([...errors, ...(check.ok ? [] : check.errors)]);
    }
    // createdBy stays null until requests carry an identity (an API key).
    const result = await this.provider.create(patch, { note, createdBy: null });
    if ('errors' in result) throw new ValidationProblemException(result.errors);
    response.location(`/v1/settings/versions/${result.created.version}`);
    return result.created;
  }
}

/** The note (trimmed, an empty one dropped) and the settings patch (everything else) of a request. */
function splitBody(body: unknown): { patch: unknown; note: string | null; errors: FieldError[] } {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return { patch: body, note: null, errors: [] }; // the patch validation names the body
  }
  const { note, ...patch } = body as Record<string, unknown>;
  if (note === undefined || note === null) return { patch, note: null, errors: [] };
  const invalid = (message: string) => ({ patch, note: null, errors: [{ field: 'note', message }] });
  if (typeof note !== 'string') return invalid('note must be a string');
  const trimmed = note.trim();
  if (trimmed.length > MAX_NOTE_LENGTH) return invalid(`note must be at most ${MAX_NOTE_LENGTH} characters`);
  if (!isStorableText(trimmed)) return invalid('note must not contain U+0000 or unpaired surrogates');
  return { patch, note: trimmed === '' ? null : trimmed, errors: [] };
}

/** 400 for what is not a whole number; undefined (so 404) for one no version can have. */
function parseVersion(param: string): number | undefined {
  if (!/^\d{1,20}$/.test(param)) {
    throw new ValidationProblemException([
      { field: 'version', message: `version must be a whole number ≥ 0 (got ${JSON.stringify(param)})` },
    ]);
  }
  const version = Number(param);
  return version <= MAX_VERSION ? version : undefined;
}
