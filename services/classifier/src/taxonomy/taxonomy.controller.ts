import { Controller, Get, HttpCode, NotFoundException, Param, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiQuery,
  ApiTags,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import {
  FieldError,
  ProblemException,
  RequiresScope,
  ValidationProblemException,
} from '@supportlens/platform';
import type { Request, Response } from 'express';
import { ClassifierConfig } from '../config/classifier.config';
import { TaxonomyDocument } from './domain/taxonomy';
import { parseTaxonomyCsv, TAXONOMY_CSV_COLUMNS } from './domain/taxonomy-csv';
import { isStorableText, parseTaxonomyDocument } from './domain/validate-taxonomy';
import { readTextBody } from './read-text-body';
import { TaxonomyProvider } from './taxonomy.provider';
import { TaxonomyRepository } from './taxonomy.repository';
import { TaxonomyVersion, TaxonomyVersionSummary } from './taxonomy-version';

export const MAX_NOTE_LENGTH = 2000;
/** Versions are Postgres integers: a larger number cannot name one. */
const MAX_VERSION = 2_147_483_647;

@ApiTags('taxonomy')
@RequiresScope('config:admin')
@Controller('v1/taxonomy')
export class TaxonomyController {
  constructor(
    private readonly taxonomies: TaxonomyRepository,
    private readonly provider: TaxonomyProvider,
    private readonly config: ClassifierConfig,
  ) {}

  /** The taxonomy this instance classifies with now (a new version shows here within the refresh interval). */
  @Get()
  @ApiOperation({ summary: 'The taxonomy in force on this instance, with its version' })
  @ApiOkResponse({ description: 'The version, its note, author and time, and its categories and codes.' })
  current(): TaxonomyVersion {
    return this.provider.currentVersion;
  }

  /** Every version, newest first, without the documents. */
  @Get('versions')
  @ApiOperation({ summary: 'Every taxonomy version, newest first, without the documents' })
  @ApiOkResponse({ description: '`versions`: each with its number, note, author and time.' })
  async list(): Promise<{ versions: TaxonomyVersionSummary[] }> {
    return { versions: await this.taxonomies.list() };
  }

  @Get('versions/:version')
  @ApiOperation({ summary: 'One taxonomy version, with its document' })
  @ApiParam({ name: 'version', type: 'integer', description: 'The taxonomy version number.', example: 2 })
  @ApiOkResponse({ description: 'The version, its note, author and time, and its categories and codes.' })
  @ApiBadRequestResponse({ description: 'The version is not a whole number (problem+json).' })
  @ApiNotFoundResponse({ description: 'No such version (problem+json).' })
  async get(@Param('version') param: string): Promise<TaxonomyVersion> {
    const version = parseVersion(param);
    const found = version === undefined ? undefined : await this.taxonomies.get(version);
    if (!found) throw new NotFoundException(`there is no taxonomy version ${param}`);
    return found;
  }

  /**
   * A new version, numbered after the newest: 201 with its Location. The body is the whole taxonomy,
   * never a patch: JSON (`{ "note"?, "categories": [...], "codes": [...] }`, the shape GET returns) or
   * a CSV import (`text/csv`, the note in `?note=`). 400 names every bad field (`codes[3].parent`, or
   * `line 7.kind` in a CSV). This instance classifies with it at once; the others pick it up on their
   * next refresh (at once when they listen for notifications).
   */
  @Post('versions')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Create a taxonomy version',
    description:
      'The whole taxonomy, never a patch: JSON (the shape GET returns: `note`, `categories`, `codes`) or a CSV import (`text/csv`, the note in `?note=`). This instance classifies with it at once; the others pick it up on their next refresh.',
  })
  @ApiConsumes('application/json', 'text/csv')
  @ApiBody({
    description: 'JSON `{ "note"?, "categories": [...], "codes": [...] }`, or the taxonomy as CSV.',
    schema: {
      oneOf: [
        {
          type: 'object',
          description: 'The taxonomy document, as GET returns it (plus an optional `note`).',
        },
        {
          type: 'string',
          description: `CSV with a header row: ${TAXONOMY_CSV_COLUMNS.join(', ')} (any order, any case). An empty parent makes a category; keywords and patterns are separated by |.`,
        },
      ],
    },
  })
  @ApiQuery({
    name: 'note',
    required: false,
    description: 'With a CSV body: why the version was made (at most 2000 characters).',
    schema: { type: 'string', maxLength: MAX_NOTE_LENGTH },
  })
  @ApiCreatedResponse({ description: 'The new version, with its document; its URL is in Location.' })
  @ApiBadRequestResponse({
    description:
      'problem+json naming every bad field (`codes[3].parent`, or `line 7.kind` in a CSV); nothing stored',
  })
  @ApiUnsupportedMediaTypeResponse({ description: 'The body is neither application/json nor text/csv.' })
  async create(
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
    @Query('note') noteParam?: unknown,
  ): Promise<TaxonomyVersion> {
    const { document, note } = await this.readNewVersion(request, noteParam);
    const created = await this.taxonomies.create({ document, note, createdBy: null });
    await this.provider.refresh();
    response.location(`/v1/taxonomy/versions/${created.version}`);
    return created;
  }

  private async readNewVersion(
    request: Request,
    noteParam: unknown,
  ): Promise<{ document: TaxonomyDocument; note: string | null }> {
    if (request.is('text/csv')) {
      const note = checkNote(noteParam, 'note');
      const parsed = parseTaxonomyCsv(await readTextBody(request, this.config.HTTP_BODY_LIMIT));
      const errors: FieldError[] = [...note.errors, ...(parsed.ok ? [] : parsed.violations)];
      if (errors.length > 0 || !parsed.ok) throw new ValidationProblemException(errors);
      return { document: parsed.document, note: note.value };
    }
    if (request.is('application/json')) {
      const body: unknown = request.body;
      const note = checkNote(isObject(body) ? body.note : undefined, 'note');
      const parsed = parseTaxonomyDocument(body);
      const errors: FieldError[] = [...(parsed.ok ? [] : parsed.violations), ...note.errors];
      if (errors.length > 0 || !parsed.ok) throw new ValidationProblemException(errors);
      return { document: parsed.document, note: note.value };
    }
    throw new ProblemException({
      status: 415,
      type: 'unsupported-media-type',
      title: 'Unsupported Media Type',
      detail: `Send the taxonomy as application/json or text/csv (got ${request.headers['content-type'] ?? 'no Content-Type'}).`,
    });
  }
}

/** An optional note: trimmed, an empty one dropped. */
function checkNote(value: unknown, field: string): { value: string | null; errors: FieldError[] } {
  if (value === undefined || value === null) return { value: null, errors: [] };
  if (typeof value !== 'string')
    return { value: null, errors: [{ field, message: `${field} must be a string` }] };
  const note = value.trim();
  if (note.length > MAX_NOTE_LENGTH) {
    return {
      value: null,
      errors: [{ field, message: `${field} must be at most ${MAX_NOTE_LENGTH} characters long` }],
    };
  }
  if (!isStorableText(note)) {
    return {
      value: null,
      errors: [{ field, message: `${field} must not contain U+0000 or unpaired surrogates` }],
    };
  }
  return { value: note === '' ? null : note, errors: [] };
}

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

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
