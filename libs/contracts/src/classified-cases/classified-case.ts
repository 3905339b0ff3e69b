import { Type } from 'class-transformer';
import { ValidateNested } from 'class-validator';
import { SupportCase } from '../cases/support-case';
import { CaseClassification } from './case-classification';

/** A support case with its issue code: what `support.cases.classified.v1` carries. */
export class ClassifiedCase {
  @ValidateNested()
  @Type(() => SupportCase)
  case!: SupportCase;

  @ValidateNested()
  @Type(() => CaseClassification)
  classification!: CaseClassification;
}
