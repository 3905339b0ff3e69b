import { ValidationError } from 'class-validator';

/** One bad field: its path in the payload (`customer.email`, `[2].caseId`) and what is wrong. */
export interface ContractViolation {
  field: string;
  message: string;
}

/** Turns class-validator's nested error tree into one violation per failed rule, with dotted paths. */
export function flattenValidationErrors(errors: ValidationError[], prefix = ''): ContractViolation[] {
  const violations: ContractViolation[] = [];
  for (const error of errors) {
    const field = joinPath(prefix, error.property);
    for (const message of Object.values(error.constraints ?? {})) {
      violations.push({ field, message: message.replace(error.property, field) });
    }
    if (error.children?.length) violations.push(...flattenValidationErrors(error.children, field));
  }
  return violations;
}

function joinPath(prefix: string, property: string): string {
  if (/^\d+$/.test(property)) return `${prefix}[${property}]`;
  return prefix ? `${prefix}.${property}` : property;
}
