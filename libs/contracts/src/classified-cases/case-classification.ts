import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { ISSUE_KINDS, IssueKind } from './issue-kind';

export const CLASSIFICATION_METHODS = ['agent', 'rules', 'model', 'unclassified'] as const;
/** Who decided the code: an agent, a taxonomy rule, the statistical model, or nobody (below threshold). */
export type ClassificationMethod = (typeof CLASSIFICATION_METHODS)[number];

export const UNCLASSIFIED = 'unclassified';
export const MAX_PHRASING_LENGTH = 300;
export const MAX_KEY_TERMS = 30;

export const TONE_LABELS = ['negative', 'neutral', 'positive'] as const;
export type ToneLabel = (typeof TONE_LABELS)[number];

/** How the customer sounds in the case text: a churn signal for insights. */
export class CaseTone {
  /** −1 (very negative) … +1 (very positive). */
  @IsNumber() @Min(-1) @Max(1) score!: number;
  @IsIn(TONE_LABELS) label!: ToneLabel;
}

export class IssueCodeCandidate {
  @IsString() @IsNotEmpty() @MaxLength(100) issueCode!: string;
  @IsNumber() @Min(0) @Max(1) confidence!: number;
}

export class CaseClassification {
  /** The issue code, or `unclassified` when nothing was confident enough. */
  @IsString() @IsNotEmpty() @MaxLength(100) issueCode!: string;
  /** The parent of the issue code in the taxonomy. */
  @IsString() @IsNotEmpty() @MaxLength(100) category!: string;
  @IsOptional() @IsString() @MaxLength(100) productArea?: string;
  @IsNumber() @Min(0) @Max(1) confidence!: number;
  @IsIn(CLASSIFICATION_METHODS) method!: ClassificationMethod;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => IssueCodeCandidate)
  candidates!: IssueCodeCandidate[];

  /** Which taxonomy (and model, once there is one) produced this, so results can be traced and replayed. */
  @IsString() @IsNotEmpty() taxonomyVersion!: string;
  @IsOptional() @IsString() modelVersion?: string;

  @IsOptional() @IsObject() @ValidateNested() @Type(() => CaseTone) tone?: CaseTone;

  /** What sort of problem the code is (the taxonomy's kind); `other` for unclassified. */
  @IsOptional() @IsIn(ISSUE_KINDS) issueKind?: IssueKind;

  /**
   * How the customer put it: the start of the case text with personal data masked, so that insights
   * can quote example phrasings without holding the text.
   */
  @IsOptional() @IsString() @MaxLength(MAX_PHRASING_LENGTH) phrasing?: string;

  /** The text's key terms (masked; unigrams and word pairs), for emerging topics downstream. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_KEY_TERMS)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  terms?: string[];
}
