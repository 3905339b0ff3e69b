import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

// SKELETON: the owner of this insight kind fills in the contract.
/** A change of one persona signal: `marketing.insights.persona-signals.v1`. */
export class PersonaSignalInsight {
  @IsString() @IsNotEmpty() @MaxLength(300) key!: string;
}
