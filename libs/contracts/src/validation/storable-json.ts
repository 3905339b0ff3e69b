import { ContractViolation } from './contract-violation';

/** Deeper than any contract goes; deeper input is refused before anything recurses into it. */
export const MAX_JSON_DEPTH = 16;

// Postgres text and jsonb refuse U+0000 and unpaired UTF-16 surrogates: such a value would fail every
// write, for ever, so it is refused at the door with a reason rather than blocking a partition.
const NUL = '\u0000';
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Checks a parsed JSON value for what no contract rule can express but storage would choke on:
 * nesting deeper than MAX_JSON_DEPTH and text Postgres cannot store. Iterative, so hostile nesting
 * cannot overflow the stack. Pure.
 */
export function findUnstorableJson(value: unknown, pathPrefix = ''): ContractViolation[] {
  const violations: ContractViolation[] = [];
  const stack: Array<{ value: unknown; path: string; depth: number }> = [
    { value, path: pathPrefix, depth: 0 },
  ];
  while (stack.length > 0) {
    const { value: current, path, depth } = stack.pop()!;
    if (typeof current === 'string') {
      if (current.includes(NUL))
        violations.push({ field: path || '(body)', message: `${path} must not contain U+0000` });
      else if (LONE_SURROGATE.test(current)) {
        violations.push({
          field: path || '(body)',
          message: `${path} must be valid Unicode (unpaired surrogate)`,
        });
      }
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    if (depth >= MAX_JSON_DEPTH) {
      violations.push({ field: path || '(body)', message: `nesting deeper than ${MAX_JSON_DEPTH} levels` });
      continue;
    }
    const entries = Array.isArray(current)
      ? current.map((child, index) => [`${path}[${index}]`, child] as const)
      : Object.entries(current).map(([key, child]) => [path ? `${path}.${key}` : key, child] as const);
    for (const [childPath, child] of entries) stack.push({ value: child, path: childPath, depth: depth + 1 });
  }
  return violations.reverse();
}
