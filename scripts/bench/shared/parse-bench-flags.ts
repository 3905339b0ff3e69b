/** How one bench reads its command line: which options are flags, text or may be 0. */
export interface BenchFlagRules<T> {
  usage: string;
  /** Options that take no value: present means true. */
  flags?: ReadonlyArray<keyof T>;
  /** Options whose value is text, each checked (and turned into its value) by its own function. */
  text?: Partial<Record<keyof T, (raw: string | undefined) => unknown>>;
  /** Number options that may be 0 (the rest must be at least 1). */
  mayBeZero?: ReadonlyArray<keyof T>;
}

/**
 * `--kebab-case value` options over `defaults`: numbers are whole and at least 1 (or 0 where allowed),
 * anything unknown or malformed throws naming the option, with the usage.
 */
export function parseBenchFlags<T extends object>(
  argv: readonly string[],
  defaults: T,
  rules: BenchFlagRules<T>,
): T {
  const options = { ...defaults } as Record<string, unknown>;
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i]
      .replace(/^--/, '')
      .replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()) as keyof T & string;
    if (!Object.hasOwn(options, name) || !argv[i].startsWith('--'))
      throw new Error(`unknown option ${argv[i]}\n${rules.usage}`);
    if (rules.flags?.includes(name)) {
      options[name] = true;
      continue;
    }
    const raw = argv[++i];
    const text = rules.text?.[name];
    if (text) {
      options[name] = text(raw);
      continue;
    }
    const value = Number(raw);
    if (!Number.isFinite(value) || value < (rules.mayBeZero?.includes(name) ? 0 : 1))
      throw new Error(`bad value for ${argv[i - 1]}: ${raw ?? '(none)'}\n${rules.usage}`);
    options[name] = Math.floor(value);
  }
  return options as T;
}
