import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { fastAcceptFor } from './compiled-contract';
import { ContractViolation, flattenValidationErrors } from './contract-violation';
import { findUnstorableJson } from './storable-json';

export type ContractResult<T> = { valid: true; value: T } | { valid: false; violations: ContractViolation[] };

/**
 * Checks a parsed JSON value against a contract class. Unknown properties are stripped rather than
 * refused (a tolerant reader: producers may add fields without breaking us); everything the contract
 * names must be right.
 *
 * The value given is the caller's to give away: a valid one is usually returned itself, stripped in
 * place, as a plain object (the compiled fast path, see compiled-contract.ts); otherwise class-validator
 * decides and returns an instance of the class.
 */
export function validateContract<T extends object>(
  contract: new () => T,
  plain: unknown,
  pathPrefix = '',
  options: { fastPath?: boolean } = {},
): ContractResult<T> {
  if (plain === null || typeof plain !== 'object' || Array.isArray(plain)) {
    return {
      valid: false,
      violations: [{ field: pathPrefix || '(body)', message: 'must be a JSON object' }],
    };
  }
  const unstorable = findUnstorableJson(plain, pathPrefix);
  if (unstorable.length > 0) return { valid: false, violations: unstorable };
  const fastAccept = options.fastPath === false ? null : fastAcceptFor(contract);
  if (fastAccept?.(plain as Record<string, unknown>)) return { valid: true, value: plain as T };
  const instance = plainToInstance(contract, plain, { enableImplicitConversion: false });
  const errors = validateSync(instance, { whitelist: true, forbidUnknownValues: true });
  if (errors.length > 0) return { valid: false, violations: flattenValidationErrors(errors, pathPrefix) };
  return { valid: true, value: instance };
}
