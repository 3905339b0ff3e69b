import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import {
  BENCHMARK_SOURCES,
  BenchmarkSource,
  ContractViolation,
  flattenValidationErrors,
  SERVQUAL_DIMENSIONS,
  ServqualDimension,
} from '@supportlens/contracts';
import { plainToInstance, Type } from 'class-transformer';
import {
  IsDefined,
  IsIn,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  registerDecorator,
  validateSync,
  ValidateNested,
  ValidationArguments,
} from 'class-validator';
import { IndustryBenchmark } from '../scoring/domain/scoring-config';
import { NewScoringConfig } from './scoring-config-version';

/** The most industries one version may name, and the longest industry name (as segment.industry). */
export const MAX_BENCHMARKS = 1000;
export const MAX_INDUSTRY_LENGTH = 100;
export const MAX_NOTE_LENGTH = 2000;
export const MAX_TOLERANCE = 3;
/** Published scales: ACSI 0–100, J.D. Power 0–1,000. */
export const BENCHMARK_SCALES: Record<BenchmarkSource, { min: number; max: number; name: string }> = {
  acsi: { min: 0, max: 100, name: 'ACSI' },
  jd_power: { min: 0, max: 1000, name: 'J.D. Power' },
};
/** Weights are compared with 100 with this much room, so 33.3 + 33.3 + 33.4 (binary floating point) counts. */
const SUM_EPSILON = 1e-9;

const FINITE = { allowNaN: false, allowInfinity: false };
// Postgres text and jsonb refuse U+0000 and unpaired UTF-16 surrogates.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const isStorableText = (text: string): boolean => !text.includes('\u0000') && !LONE_SURROGATE.test(text);

/** Importance points per SERVQUAL dimension: every dimension, each ≥ 0, together 100. */
export class ServqualWeights implements Record<ServqualDimension, number> {
  @WEIGHT('reliability', 32) @IsWeight() reliability!: number;
  @WEIGHT('responsiveness', 22) @IsWeight() responsiveness!: number;
  @WEIGHT('assurance', 19) @IsWeight() assurance!: number;
  @WEIGHT('empathy', 16) @IsWeight() empathy!: number;
  @WEIGHT('tangibles', 11) @IsWeight() tangibles!: number;
}

/** A published industry figure: ACSI (0–100) or J.D. Power (0–1,000). */
export class IndustryBenchmarkDto implements IndustryBenchmark {
  @ApiProperty({
    enum: BENCHMARK_SOURCES,
    description: 'Whose figure: ACSI (0–100) or J.D. Power (0–1,000).',
  })
  @IsIn(BENCHMARK_SOURCES, { message: `$property must be one of ${BENCHMARK_SOURCES.join(', ')}` })
  source!: BenchmarkSource;

  @ApiProperty({
    description: 'The published score, on the scale of its source (ACSI 0–100, J.D. Power 0–1,000).',
    example: 77,
  })
  @IsNumber(FINITE, { message: '$property must be a number' })
  @IsOnSourceScale()
  score!: number;
}

/**
 * `POST /v1/config/versions`: a complete new version (weights, tolerance, benchmarks), never a patch.
 * The benchmarks object is read as a Map (class-transformer does that for a Map-typed property) so
 * that class-validator validates each industry's entry and names it (`benchmarks.retail.score`).
 */
@ApiExtraModels(IndustryBenchmarkDto)
export class CreateScoringConfigRequest {
  @ApiProperty({
    type: () => ServqualWeights,
    description: 'Importance points per SERVQUAL dimension: every dimension, each at least 0, together 100.',
  })
  @IsDefined()
  @IsObject()
  @WeightsAddUpTo(100)
  @ValidateNested()
  @Type(() => ServqualWeights)
  weights!: ServqualWeights;

  /** Half-width of the "satisfied" band around a zero weighted gap, in scale points. */
  @ApiProperty({
    description:
      'Half-width of the "satisfied" band around a zero weighted gap, in scale points: a weighted gap within ±tolerance is satisfied, below the band dissatisfied, above it delighted.',
    minimum: 0,
    maximum: MAX_TOLERANCE,
    example: 0.25,
  })
  @IsNumber(FINITE, { message: '$property must be a number' })
  @Min(0)
  @Max(MAX_TOLERANCE)
  tolerance!: number;

  /** Per industry (matched case-insensitively with the customer's segment.industry); `{}` for none. */
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: getSchemaPath(IndustryBenchmarkDto) },
    description: `A published figure per industry, matched case-insensitively with the customer's segment.industry (at most ${MAX_BENCHMARKS} industries, names up to ${MAX_INDUSTRY_LENGTH} characters); {} for none.`,
    example: { retail: { source: 'acsi', score: 77 } },
  })
  @IsDefined()
  @IsObject()
  @HasValidIndustryNames()
  @ValidateNested({
    message: 'an industry benchmark must be an object: { "source": "acsi" | "jd_power", "score": number }',
  })
  @Type(() => IndustryBenchmarkDto)
  benchmarks!: Map<string, IndustryBenchmarkDto>;

  @ApiPropertyOptional({ description: 'Why the version was made.', maxLength: MAX_NOTE_LENGTH })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_NOTE_LENGTH)
  @IsStorableText()
  note?: string;
}

/** The new version the request describes: industries trimmed and in lower case, an empty note dropped. */
export function toNewScoringConfig(
  request: CreateScoringConfigRequest,
  createdBy: string | null = null,
): NewScoringConfig {
  const weights = Object.fromEntries(
    SERVQUAL_DIMENSIONS.map((dimension) => [dimension, request.weights[dimension]]),
  ) as Record<ServqualDimension, number>;
  const benchmarks: Record<string, IndustryBenchmark> = {};
  for (const [industry, benchmark] of request.benchmarks) {
    benchmarks[normaliseIndustry(industry)] = { source: benchmark.source, score: benchmark.score };
  }
  const note = request.note?.trim() ? request.note.trim() : null;
  return { weights, tolerance: request.tolerance, benchmarks, note, createdBy };
}

/**
 * Validates a configuration that did not come through the HTTP pipe (a stored version, before an
 * instance starts scoring with it) by the same rules as a request. Empty when it is valid.
 */
export function scoringConfigViolations(plain: {
  weights: unknown;
  tolerance: unknown;
  benchmarks: unknown;
}): ContractViolation[] {
  const request = plainToInstance(CreateScoringConfigRequest, {
    weights: plain.weights,
    tolerance: plain.tolerance,
    benchmarks: plain.benchmarks,
  });
  return flattenValidationErrors(validateSync(request, { forbidUnknownValues: true }));
}

export function normaliseIndustry(industry: string): string {
  return industry.trim().toLowerCase();
}

/** The OpenAPI description of one SERVQUAL weight. */
function WEIGHT(dimension: ServqualDimension, example: number): PropertyDecorator {
  return ApiProperty({
    description: `Importance points of ${dimension}; the five weights add up to 100.`,
    minimum: 0,
    maximum: 100,
    example,
  });
}

function IsWeight(): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    IsNumber(FINITE, { message: '$property must be a number of importance points (0 to 100)' })(
      target,
      propertyName,
    );
    Min(0, { message: '$property must not be negative (it is $value)' })(target, propertyName);
  };
}

/** On `weights`: the five dimensions add up to `total`. Quiet while a weight is missing or not a number. */
function WeightsAddUpTo(total: number): PropertyDecorator {
  return customRule('weightsAddUpTo', {
    validate: (value) => {
      const sum = sumOfWeights(value);
      return sum === undefined || Math.abs(sum - total) <= SUM_EPSILON;
    },
    message: (args) =>
      `${args.property} must add up to ${total} over ${SERVQUAL_DIMENSIONS.join(', ')} ` +
      `(they add up to ${formatNumber(sumOfWeights(args.value) ?? Number.NaN)})`,
  });
}

/** On `score`: within the scale of the entry's `source`, naming the bound that was broken. */
function IsOnSourceScale(): PropertyDecorator {
  return customRule('isOnSourceScale', {
    validate: (value, args) => {
      const scale = scaleOf(args.object);
      if (!scale || typeof value !== 'number') return true; // the source and type rules speak
      return value >= scale.min && value <= scale.max;
    },
    message: (args) => {
      const scale = scaleOf(args.object)!;
      const value = args.value as number;
      const broken = value < scale.min ? `at least ${scale.min}` : `at most ${scale.max}`;
      return `${args.property} must be ${broken} on the ${scale.name} scale (${scale.min}–${scale.max}); it is ${formatNumber(value)}`;
    },
  });
}

/** On `benchmarks` (a Map): industry names that are non-empty, short, storable and distinct in lower case. */
function HasValidIndustryNames(): PropertyDecorator {
  return customRule('hasValidIndustryNames', {
    validate: (value) => industryNameProblems(value).length === 0,
    message: (args) => `${args.property}: ${industryNameProblems(args.value).join('; ')}`,
  });
}

function IsStorableText(): PropertyDecorator {
  return customRule('isStorableText', {
    validate: (value) => typeof value !== 'string' || isStorableText(value),
    message: (args) => `${args.property} must not contain U+0000 or unpaired surrogates`,
  });
}

export function industryNameProblems(value: unknown): string[] {
  if (!(value instanceof Map)) return [];
  const problems: string[] = [];
  if (value.size > MAX_BENCHMARKS) problems.push(`at most ${MAX_BENCHMARKS} industries (got ${value.size})`);
  const spellings = new Map<string, string[]>();
  for (const industry of value.keys() as Iterable<string>) {
    const normalised = normaliseIndustry(industry);
    if (normalised === '') problems.push('an industry name must not be empty');
    else if (normalised.length > MAX_INDUSTRY_LENGTH) {
      problems.push(
        `industry "${normalised.slice(0, 20)}…" is longer than ${MAX_INDUSTRY_LENGTH} characters`,
      );
    } else if (!isStorableText(normalised)) {
      problems.push(`industry ${JSON.stringify(normalised)} must not contain U+0000 or unpaired surrogates`);
    }
    spellings.set(normalised, [...(spellings.get(normalised) ?? []), industry]);
  }
  for (const [normalised, names] of spellings) {
    if (normalised !== '' && names.length > 1) {
      problems.push(
        `industry "${normalised}" is named ${names.length} times (${names.map((n) => JSON.stringify(n)).join(', ')}); names are compared in lower case`,
      );
    }
  }
  return problems;
}

function sumOfWeights(value: unknown): number | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  let sum = 0;
  for (const dimension of SERVQUAL_DIMENSIONS) {
    const weight = (value as Record<string, unknown>)[dimension];
    if (typeof weight !== 'number' || !Number.isFinite(weight)) return undefined;
    sum += weight;
  }
  return sum;
}

function scaleOf(entry: object): (typeof BENCHMARK_SCALES)[BenchmarkSource] | undefined {
  const source = (entry as { source?: unknown }).source;
  return typeof source === 'string' && Object.hasOwn(BENCHMARK_SCALES, source)
    ? BENCHMARK_SCALES[source as BenchmarkSource]
    : undefined;
}

/** 99, 100.5, 0.1 + 0.2 → 0.3: enough digits to see the mistake, not the floating-point noise. */
function formatNumber(value: number): string {
  return String(Number(value.toFixed(6)));
}

function customRule(
  name: string,
  rule: {
    validate: (value: unknown, args: ValidationArguments) => boolean;
    message: (args: ValidationArguments) => string;
  },
): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: rule.message },
      validator: { validate: rule.validate },
    });
  };
}
