import { ValidationError } from 'class-validator';

/** One bad field: its path in the payload (`customer.email`, `[2].caseId`) and what is wrong. */
export interface ContractViolation {
  field: string;
  message: string;
}

/**
 * Rules that say what a value must *be*; when one fails, the rules about its size or range say nothing
 * useful (a missing number is "not an integer", not "greater than 7"). In order of precedence.
 */
const FUNDAMENTAL_RULES = [
  'isDefined',
  'isObject',
  'isArray',
  'isString',
  'isInt',
  'isNumber',
  'isBoolean',
  'isIn',
  'isIso8601',
  'isEmail',
  'isNotEmpty',
];

/**
 * Turns class-validator's nested error tree into violations with dotted paths: per field, the most
 * fundamental failed rule, or every failed rule when none of them is fundamental.
 */
export function flattenValidationErrors(errors: ValidationError[], prefix = ''): ContractViolation[] {
  const violations: ContractViolation[] = [];
  for (const error of errors) {
    const field = joinPath(prefix, error.property);
    const constraints = error.constraints ?? {};
    const fundamental = FUNDAMENTAL_RULES.find((rule) => rule in constraints);
    const messages = fundamental ? [constraints[fundamental]] : Object.values(constraints);
    for (const message of messages) {
      violations.push({ field, message: message.replace(error.property, field) });
    }
    const nested = flattenValidationErrors(error.children ?? [], field);
    // A node with neither (should not happen) still tells the client which field is wrong.
    if (messages.length === 0 && nested.length === 0)
      violations.push({ field, message: `${field} is invalid` });
    violations.push(...nested);
  }
  return violations;
}

function joinPath(prefix: string, property: string): string {
  if (/^\d+$/.test(property)) return `${prefix}[${property}]`;
  return prefix ? `${prefix}.${property}` : property;
}
