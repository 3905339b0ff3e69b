import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

/** A dry-run request: the text of a case, nothing stored or published. */
export class ClassifyRequest {
  @IsString() @MaxLength(1000) subject!: string;
  @IsString() @IsNotEmpty() @MaxLength(50_000) description!: string;
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(100) issueCode?: string;
}
