/** The longest pattern a taxonomy may hold: rules are for short, explicit phrases. */
export const MAX_PATTERN_LENGTH = 200;

/** Patterns are matched case-insensitively; nothing else (no `g`, `y`: matching must be stateless). */
export const PATTERN_FLAGS = 'i';

/**
 * Why a taxonomy pattern cannot be used, or undefined when it can: it must compile, be short, not
 * match empty text (it would match every case), and stay clear of the constructions that make
 * backtracking explode on a long case text — a repeated group that itself contains a repetition
 * (`(a+)+`, `(\w*\s)*`, `((ab)+c){2,}`) and backreferences. The check is deliberately simple and a
 * little stricter than necessary (`(a+){2}` is refused too); it does not prove a pattern linear
 * (overlapping alternatives such as `(a|a)+` pass), which the length cap and the fact that only
 * support staff write patterns keep acceptable.
 */
export function patternProblem(pattern: string): string | undefined {
  if (pattern.trim() === '') return 'must not be empty';
  if (pattern.length > MAX_PATTERN_LENGTH) {
    return `must be at most ${MAX_PATTERN_LENGTH} characters long (it has ${pattern.length})`;
  }
  let regex: RegExp;
  try {
    regex = new RegExp(pattern, PATTERN_FLAGS);
  } catch (error) {
    return `is not a valid regular expression: ${error instanceof Error ? error.message : String(error)}`;
  }
  const risky = findRiskyConstruct(pattern);
  if (risky) return risky;
  if (regex.test('')) return 'matches empty text, so it would match every case';
  return undefined;
}

interface Group {
  start: number;
  /** The group contains a repeating quantifier (`*`, `+`, `{n,}`, `{n,m}` with m > 1), at any depth. */
  repeatsInside: boolean;
}

interface Quantifier {
  length: number;
  repeats: boolean;
}

function findRiskyConstruct(pattern: string): string | undefined {
  const groups: Group[] = [{ start: 0, repeatsInside: false }];
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i];
    if (char === '\\') {
      const next = pattern[i + 1] ?? '';
      if (/[1-9]/.test(next) || (next === 'k' && pattern[i + 2] === '<')) {
        return `must not use backreferences (${pattern.slice(i, i + 2)}…)`;
      }
      i++;
    } else if (char === '[') {
      i = endOfCharacterClass(pattern, i);
    } else if (char === '(') {
      groups.push({ start: i, repeatsInside: false });
      if (pattern[i + 1] === '?') i++; // (?: (?= (?! (?<name> (?<= (?<! — not a quantifier
    } else if (char === ')') {
      if (groups.length === 1) continue; // unbalanced: the compiler has refused it already
      const group = groups.pop()!;
      const quantifier = quantifierAt(pattern, i + 1);
      if (quantifier?.repeats && group.repeatsInside) {
        const construct = pattern.slice(group.start, i + 1 + quantifier.length);
        return `must not repeat a group that itself repeats (${construct}): it can take exponential time on a long text`;
      }
      const parent = groups[groups.length - 1];
      parent.repeatsInside ||= group.repeatsInside || (quantifier?.repeats ?? false);
      i += quantifier?.length ?? 0;
    } else {
      const quantifier = quantifierAt(pattern, i);
      if (quantifier) {
        if (quantifier.repeats) groups[groups.length - 1].repeatsInside = true;
        i += quantifier.length - 1;
      }
    }
  }
  return undefined;
}

/** The index of the `]` closing the class opened at `start` (escapes inside are skipped). */
function endOfCharacterClass(pattern: string, start: number): number {
  for (let i = start + 1; i < pattern.length; i++) {
    if (pattern[i] === '\\') i++;
    else if (pattern[i] === ']') return i;
  }
  return pattern.length;
}

const BRACES = /^\{(\d+)(,(\d*))?\}/;

function quantifierAt(pattern: string, at: number): Quantifier | undefined {
  const char = pattern[at];
  let length: number;
  let repeats: boolean;
  if (char === '*' || char === '+') {
    length = 1;
    repeats = true;
  } else if (char === '?') {
    length = 1;
    repeats = false;
  } else if (char === '{') {
    const braces = BRACES.exec(pattern.slice(at));
    if (!braces) return undefined; // a literal brace
    length = braces[0].length;
    const max = braces[2] === undefined ? Number(braces[1]) : braces[3] === '' ? Infinity : Number(braces[3]);
    repeats = max > 1;
  } else {
    return undefined;
  }
  if (pattern[at + length] === '?') length++; // lazy
  return { length, repeats };
}
