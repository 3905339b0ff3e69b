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
  @IsString() @IsNotEmpty() @MaxLength(50_000) text!: string;
  @IsString() @IsNotEmpty() @MaxLength(100) code!: string;
}

/** `POST /v1/training`: retrain now, on the agents' labels and/or the examples given. */
export class TrainingRequestDto {
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50_000)
  @ValidateNested({ each: true })
  @Type(() => TrainingExampleDto)
  examples?: TrainingExampleDto[];

  @IsOptional() @IsBoolean() onlyGivenExamples?: boolean;
  @IsOptional() @IsBoolean() force?: boolean;
  @IsOptional() @IsString() @MaxLength(500) note?: string;
}
