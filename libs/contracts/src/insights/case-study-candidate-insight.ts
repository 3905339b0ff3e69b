import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

// SKELETON: the owner of this insight kind fills in the contract.
/** A change of one customer's candidacy: `marketing.insights.case-study-candidates.v1`, keyed by customer. */
export class CaseStudyCandidateInsight {
  @IsString() @IsNotEmpty() @MaxLength(300) key!: string;
}
