import { ContractViolation } from './contract-violation';

/** Deeper than any contract goes; deeper input is refused before anything recurses into it. */
export const MAX_JSON_DEPTH = 16;

// Postgres text and jsonb refuse U+0000 and unpaired UTF-16 surrogates: such a value would fail every
// write, for ever, so it is refused at the door with a reason rather than blocking a partition.
const NUL = '\u0000';
// Own keys that are not data to JavaScript: `__proto__` becomes an object's prototype once copied
// (ingest's normalising copy), and class-transformer reads a truthy `constructor` as a class and throws.
// No contract names either; refused with a reason instead.
const RESERVED_KEYS = new Set(['__proto__', 'constructor']);
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Checks a parsed JSON value for what no contract rule can express but storage would choke on:
 * nesting deeper than MAX_JSON_DEPTH, text Postgres cannot store, and the property names
 * `__proto__` and `constructor`. Iterative, so hostile nesting cannot overflow the stack. Pure.
 */
export function findUnstorableJson(value: unknown, pathPrefix = ''): ContractViolation[] {
  const violations: ContractViolation[] = [];
  // Paths are built only for a violation: on valid input (nearly all of it) they would be most of the cost.
  const stack: Node[] = [{ value, parent: null, key: '', depth: 0 }];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const current = node.value;
    if (typeof current === 'string') {
      if (current.includes(NUL)) {
        const path = pathOf(node, pathPrefix);
        violations.push({ field: path || '(body)', message: `${path} must not contain U+0000` });
      } else if (LONE_SURROGATE.test(current)) {
        const path = pathOf(node, pathPrefix);
        violations.push({
          field: path || '(body)',
          message: `${path} must be valid Unicode (unpaired surrogate)`,
        });
      }
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    if (node.depth >= MAX_JSON_DEPTH) {
      const path = pathOf(node, pathPrefix);
      violations.push({ field: path || '(body)', message: `nesting deeper than ${MAX_JSON_DEPTH} levels` });
      continue;
    }
    if (Array.isArray(current)) {
      for (let index = 0; index < current.length; index++)
        stack.push({ value: current[index], parent: node, key: index, depth: node.depth + 1 });
    } else {
      for (const key of Object.keys(current)) {
        if (RESERVED_KEYS.has(key)) {
          const path = pathOf({ value: undefined, parent: node, key, depth: node.depth + 1 }, pathPrefix);
          violations.push({ field: path, message: `${path}: "${key}" is not accepted as a property name` });
          continue;
        }
        stack.push({
          value: (current as Record<string, unknown>)[key],
          parent: node,
          key,
          depth: node.depth + 1,
        });
      }
    }
  }
  return violations.reverse();
}

interface Node {
  value: unknown;
  parent: Node | null;
  /** The property name or array index under the parent. */
  key: string | number;
  depth: number;
}

function pathOf(node: Node, pathPrefix: string): string {
  const keys: Array<string | number> = [];
  for (let at: Node | null = node; at?.parent; at = at.parent) keys.unshift(at.key);
  let path = pathPrefix;
  for (const key of keys) path = typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key;
  return path;
}
