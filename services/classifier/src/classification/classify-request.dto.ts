import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

/** A dry-run request: the text of a case, nothing stored or published. */
export class ClassifyRequest {
  @ApiProperty({
    description: 'The case subject (may be empty).',
    maxLength: 1000,
    example: 'Refund not received',
  })
  @IsString()
  @MaxLength(1000)
  subject!: string;

  @ApiProperty({
    description: 'The case text the classifier reads.',
    minLength: 1,
    maxLength: 50_000,
    example: 'I returned the order two weeks ago and the refund still has not arrived.',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(50_000)
  description!: string;

  @ApiPropertyOptional({
    description: 'An issue code an agent already assigned: it wins over the rules and the model.',
    maxLength: 100,
    example: 'billing.refund',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  issueCode?: string;
}
