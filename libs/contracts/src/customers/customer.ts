import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsNotEmpty,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

/** Who the customer is for marketing: the axes persona signals compare. */
export class CustomerSegment {
  @IsOptional() @IsString() @MaxLength(100) industry?: string;
  @IsOptional() @IsString() @MaxLength(100) plan?: string;
  @IsOptional() @IsString() @MaxLength(100) region?: string;
  @IsOptional() @IsString() @MaxLength(100) companySize?: string;
  @IsOptional() @IsString() @MaxLength(100) role?: string;
}

/**
 * The segment axes, in the one order every grouping, rollup and insight lists them. Every key of
 * {@link CustomerSegment}, checked below, so an axis added to the contract cannot be left out.
 */
export const SEGMENT_ATTRIBUTES = [
  'industry',
  'plan',
  'region',
  'companySize',
  'role',
] as const satisfies ReadonlyArray<keyof CustomerSegment>;
export type SegmentAttribute = (typeof SEGMENT_ATTRIBUTES)[number];
type UnlistedSegmentAttribute = Exclude<keyof CustomerSegment, SegmentAttribute>;
// Fails to compile when CustomerSegment has an attribute SEGMENT_ATTRIBUTES does not list.
const EVERY_SEGMENT_ATTRIBUTE_LISTED: [UnlistedSegmentAttribute] extends [never] ? true : never = true;
void EVERY_SEGMENT_ATTRIBUTE_LISTED;

/**
 * The pairs of segment axes that persona signals also compare as one segment (e.g. companySize ×
 * industry: "mid-market retail"). Few on purpose: every pair adds a rollup row per case and per
 * survey answer, so a pair is listed when marketing builds personas from it — firmographics (size ×
 * industry) and the buyer within an industry (industry × role). Each pair in SEGMENT_ATTRIBUTES order.
 */
export const SEGMENT_PAIRS = [
  ['industry', 'companySize'],
  ['industry', 'role'],
] as const satisfies ReadonlyArray<readonly [SegmentAttribute, SegmentAttribute]>;
export type SegmentPair = (typeof SEGMENT_PAIRS)[number];

/** What the customer agreed to take part in. Absent means not asked, which counts as no. */
export class CustomerConsent {
  @IsOptional() @IsBoolean() caseStudy?: boolean;
  @IsOptional() @IsBoolean() reference?: boolean;
  @IsOptional() @IsBoolean() focusGroup?: boolean;
}

export class Customer {
  @IsString() @IsNotEmpty() @MaxLength(200) id!: string;
  @IsOptional() @IsString() @MaxLength(500) name?: string;
  @IsOptional() @IsEmail() @MaxLength(320) email?: string;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => CustomerSegment)
  segment?: CustomerSegment;

  /** Value of the customer in the account currency; weights churn risk. */
  @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) lifetimeValue?: number;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => CustomerConsent)
  consent?: CustomerConsent;
}
