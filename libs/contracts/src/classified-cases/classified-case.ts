import { Type } from 'class-transformer';
import { IsDefined, IsObject, ValidateNested } from 'class-validator';
import { SupportCase } from '../cases/support-case';
import { CaseClassification } from './case-classification';

/** A support case with its issue code: what `support.cases.classified.v1` carries. */
export class ClassifiedCase {
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => SupportCase)
  case!: SupportCase;

  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => CaseClassification)
  classification!: CaseClassification;
}
