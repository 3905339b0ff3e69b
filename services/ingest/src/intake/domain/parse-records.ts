import {
  ContractResult,
  ContractViolation,
  findUnstorableJson,
  validateContract,
} from '@supportlens/contracts';
import { normaliseRecord } from './normalise-record';
import { RecordKind } from './record-kinds';

export interface ParsedRecords<T> {
  valid: Array<{ index: number; record: T }>;
  violations: ContractViolation[];
}

/** Normalises, validates and canonicalises one record; `pathPrefix` names its place in a batch. Pure. */
export function parseRecord<T extends object>(
  kind: RecordKind<T>,
  input: unknown,
  pathPrefix = '',
): ContractResult<T> {
  // Before normalising, which walks the value: hostile nesting must be refused, not recursed into.
  const unstorable = findUnstorableJson(input, pathPrefix);
  if (unstorable.length > 0) return { valid: false, violations: unstorable };
  const result = validateContract(
    kind.contract.dataClass,
    normaliseRecord(input, kind.enumFields),
    pathPrefix,
  );
  return result.valid ? { valid: true, value: kind.canonicalise(result.value) } : result;
}

/**
 * Parses one record or a batch of them. In a batch, each bad field is named with its index
 * (`[2].customer.id`) and the good records are still returned, so one bad record never holds back
 * the others. Pure.
 */
export function parseRecords<T extends object>(
  kind: RecordKind<T>,
  body: unknown,
  maxBatchItems: number,
): ParsedRecords<T> {
  const isBatch = Array.isArray(body);
  const items: unknown[] = isBatch ? body : [body];
  if (isBatch && items.length === 0) {
    return {
      valid: [],
      violations: [{ field: '(body)', message: 'batch must contain at least one record' }],
    };
  }
  if (items.length > maxBatchItems) {
    return {
      valid: [],
      violations: [
        { field: '(body)', message: `batch has ${items.length} records, the limit is ${maxBatchItems}` },
      ],
    };
  }
  const parsed: ParsedRecords<T> = { valid: [], violations: [] };
  items.forEach((item, index) => {
    const result = parseRecord(kind, item, isBatch ? `[${index}]` : '');
    if (result.valid) parsed.valid.push({ index, record: result.value });
    else parsed.violations.push(...result.violations);
  });
  return parsed;
}
