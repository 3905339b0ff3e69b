import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsNumber, Max, Min, ValidateNested } from 'class-validator';
import { SERVQUAL_DIMENSIONS, ServqualDimension } from '../surveys/servqual';

export const SATISFACTION_LEVELS = ['dissatisfied', 'satisfied', 'delighted'] as const;
/** Below expectation, at it (within the tolerance band), above it. */
export type SatisfactionLevel = (typeof SATISFACTION_LEVELS)[number];

export const WEIGHT_SOURCES = ['customer', 'config'] as const;
/** Whose importance weights scored the response: the customer's own allocation or the configuration's. */
export type WeightSource = (typeof WEIGHT_SOURCES)[number];

export class ServqualDimensionScore {
  @IsIn(SERVQUAL_DIMENSIONS) dimension!: ServqualDimension;
  /** Mean of the dimension's items, 1–7. */
  @IsNumber() @Min(1) @Max(7) expectation!: number;
  @IsNumber() @Min(1) @Max(7) perception!: number;
  /** perception − expectation, −6…+6. */
  @IsNumber() @Min(-6) @Max(6) gap!: number;
  @IsInt() @Min(1) items!: number;
  /** The dimension's weight for this response, renormalised over the scored dimensions (sum 100). */
  @IsNumber() @Min(0) @Max(100) weight!: number;
}

/** A response's SERVQUAL result. Only answered dimensions are scored; the others are listed as missing. */
export class ServqualScore {
  @IsArray()
  @ArrayMaxSize(5)
  @ValidateNested({ each: true })
  @Type(() => ServqualDimensionScore)
  dimensions!: ServqualDimensionScore[];

  @IsArray() @IsIn(SERVQUAL_DIMENSIONS, { each: true }) missingDimensions!: ServqualDimension[];
  @IsIn(WEIGHT_SOURCES) weightSource!: WeightSource;
  /** Σ weight × gap / 100 over the scored dimensions, −6…+6. */
  @IsNumber() @Min(-6) @Max(6) weightedGap!: number;
  /** The weighted gap on 0–100: 0 = every expectation missed by 6 points, 50 = met exactly, 100 = exceeded by 6. */
  @IsNumber() @Min(0) @Max(100) qualityIndex!: number;
  @IsIn(SATISFACTION_LEVELS) level!: SatisfactionLevel;
}

export const BENCHMARK_SOURCES = ['acsi', 'jd_power'] as const;
export type BenchmarkSource = (typeof BENCHMARK_SOURCES)[number];

/** The configured industry figure this response's satisfaction index is compared with. */
export class BenchmarkComparison {
  @IsIn(BENCHMARK_SOURCES) source!: BenchmarkSource;
  @IsNumber() @Min(0) @Max(1000) published!: number;
  /** The published figure on 0–100 (J.D. Power's 1,000-point indices are divided by 10). */
  @IsNumber() @Min(0) @Max(100) index!: number;
  /** satisfactionIndex − index. */
  @IsNumber() @Min(-100) @Max(100) difference!: number;
}
