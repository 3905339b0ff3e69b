import { IsInt, IsOptional, Max, Min } from 'class-validator';

export const RATING_TOPICS = [
  'overallExperience',
  'speedOfResolution',
  'completenessOfResolution',
  'representativeKnowledge',
  'professionalism',
] as const;
/** The topics support surveys commonly ask about, each rated 1–5. */
export type RatingTopic = (typeof RATING_TOPICS)[number];

export class TopicRatings {
  @IsOptional() @IsInt() @Min(1) @Max(5) overallExperience?: number;
  @IsOptional() @IsInt() @Min(1) @Max(5) speedOfResolution?: number;
  @IsOptional() @IsInt() @Min(1) @Max(5) completenessOfResolution?: number;
  @IsOptional() @IsInt() @Min(1) @Max(5) representativeKnowledge?: number;
  @IsOptional() @IsInt() @Min(1) @Max(5) professionalism?: number;
}
