import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

// SKELETON: the owner of this insight kind fills in the contract.
/** A change of one content topic: `marketing.insights.content-topics.v1`. */
export class ContentTopicInsight {
  @IsString() @IsNotEmpty() @MaxLength(300) key!: string;
}
