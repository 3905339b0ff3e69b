import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsNotEmpty,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';

export class TrainingExampleDto {
  @ApiProperty({
    description: 'The text of a case (subject and description).',
    minLength: 1,
    maxLength: 50_000,
    example: 'Refund not received. I returned the order two weeks ago.',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(50_000)
  text!: string;

  @ApiProperty({
    description: 'The issue code the text is about.',
    minLength: 1,
    maxLength: 100,
    example: 'billing.refund',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  code!: string;
}

/** `POST /v1/training`: retrain now, on the agents' labels and/or the examples given. */
export class TrainingRequestDto {
  @ApiPropertyOptional({
    type: () => [TrainingExampleDto],
    maxItems: 50_000,
    description: 'Extra labelled texts, trained on together with what agents labelled in the pipeline.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50_000)
  @ValidateNested({ each: true })
  @Type(() => TrainingExampleDto)
  examples?: TrainingExampleDto[];

  @ApiPropertyOptional({
    description:
      'Leave out the labels agents gave in the pipeline: train on `examples` alone. Default false.',
    default: false,
  })
  @IsOptional()
  @IsBoolean()
  onlyGivenExamples?: boolean;

  @ApiPropertyOptional({
    description:
      'Promote the new model even if it does worse than the promoted one on the holdout. Default false.',
    default: false,
  })
  @IsOptional()
  @IsBoolean()
  force?: boolean;

  @ApiPropertyOptional({
    description: 'Why this version was trained, kept with it.',
    maxLength: 500,
    example: 'added the new billing codes',
  })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}
