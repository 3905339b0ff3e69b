import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
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
import { Customer } from '../customers/customer';
import { IsNotBefore } from '../validation/is-not-before';
import { IsTimestamp } from '../validation/is-timestamp';

export const CHANNELS = ['phone', 'chat', 'email', 'web', 'social', 'self_service'] as const;
export type Channel = (typeof CHANNELS)[number];

export const CASE_STATUSES = ['open', 'pending', 'solved', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

const NUMBER = { allowNaN: false, allowInfinity: false } as const;

/** A support case as SupportLens understands it, whatever system it came from. */
export class SupportCase {
  @IsString() @IsNotEmpty() @MaxLength(200) caseId!: string;
  /** The system of record, e.g. `zendesk`, `genesys`; with caseId it identifies the record. */
  @IsString() @IsNotEmpty() @MaxLength(100) source!: string;

  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => Customer)
  customer!: Customer;

  @IsIn(CHANNELS) channel!: Channel;
  @IsIn(CASE_STATUSES) status!: CaseStatus;
  @IsString() @MaxLength(1000) subject!: string;
  @IsString() @MaxLength(50_000) description!: string;

  /** Issue code assigned by an agent, when there is one: a labelled example for the classifier. */
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(100) issueCode?: string;
  @IsOptional() @IsString() @MaxLength(200) agentId?: string;

  @IsTimestamp() openedAt!: string;
  @IsOptional() @IsTimestamp() @IsNotBefore('openedAt') firstResponseAt?: string;
  @IsOptional() @IsTimestamp() @IsNotBefore('openedAt') resolvedAt?: string;
  /**
   * When the source system last changed the record. Send it: it orders versions, and without it a case
   * that returns to an earlier state (open → pending → open) looks like a re-delivery of the first.
   */
  @IsOptional() @IsTimestamp() updatedAt?: string;

  @IsOptional() @IsNumber(NUMBER) @Min(0) holdSeconds?: number;
  @IsOptional() @IsNumber(NUMBER) @Min(0) handleSeconds?: number;
  @IsOptional() @IsBoolean() abandoned?: boolean;
  /** A chat that nobody answered. */
  @IsOptional() @IsBoolean() missed?: boolean;
  @IsOptional() @IsBoolean() escalated?: boolean;
  @IsOptional() @IsInt() @Min(0) @Max(100_000) reopenCount?: number;
  @IsOptional() @IsNumber(NUMBER) @Min(0) cost?: number;
  @IsOptional() @IsBoolean() selfServiceAttempted?: boolean;
  @IsOptional() @IsBoolean() selfServiceAbandoned?: boolean;
}
