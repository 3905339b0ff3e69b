import {
  DEFAULT_INSIGHT_SETTINGS,
  InsightSettings,
  SETTINGS_SECTION_NAMES,
  SETTINGS_SECTIONS,
  SettingsSection,
} from './insight-settings';
import { mergeByShape, SettingsFieldError, valueAt } from './json-shape';

export type SettingsValidation =
  { ok: true; settings: InsightSettings } | { ok: false; errors: SettingsFieldError[] };

/** A path at the start of a problem: `windows.recentDays must be…` names `windows.recentDays`. */
const LEADING_PATH = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*|\[\d+\])*/;

/**
 * A new version from a partial document: `patch` merged over `current` (a missing key keeps its
 * value, an object is merged key by key, an array replaced), checked against the defaults' shape and
 * then by each section's consistency rules. Every bad field is reported, not only the first.
 */
export function applySettingsPatch(current: InsightSettings, patch: unknown): SettingsValidation {
  const { merged, errors } = mergeByShape(current, patch, DEFAULT_INSIGHT_SETTINGS, {
    unknownKeys: 'refuse',
    rootName: 'body',
  });
  // A refused value kept its current one, so the merged document is well typed: the sections'
  // rules can run on it and report the combinations too.
  const problems = insightSettingsProblems(merged);
  const all = [...errors, ...problems.filter((p) => !errors.some((e) => e.field === p.field))];
  return all.length === 0 ? { ok: true, settings: merged } : { ok: false, errors: all };
}

export interface StoredSettingsReading {
  /** The stored document over the defaults: a setting added since it was stored takes its default. */
  settings: InsightSettings;
  /** Why the document cannot be used (types, consistency); empty when it can. */
  errors: SettingsFieldError[];
  /** Settings the code no longer has (renamed or removed since the document was stored): not used. */
  ignored: string[];
}

/** Reads a stored document by the same rules as a request, tolerating settings the code no longer has. */
export function readStoredSettings(document: unknown): StoredSettingsReading {
  const { merged, errors, ignored } = mergeByShape(
    DEFAULT_INSIGHT_SETTINGS,
    document,
    DEFAULT_INSIGHT_SETTINGS,
    {
      unknownKeys: 'ignore',
      rootName: 'document',
    },
  );
  return { settings: merged, errors: [...errors, ...insightSettingsProblems(merged)], ignored };
}

/**
 * Each section's consistency rules, as field errors: a problem that starts with a path of its section
 * (`clearThreshold must be…`) names that field (`churnRisk.clearThreshold`), any other names the section.
 */
export function insightSettingsProblems(settings: InsightSettings): SettingsFieldError[] {
  const errors: SettingsFieldError[] = [];
  for (const name of SETTINGS_SECTION_NAMES) {
    const section = SETTINGS_SECTIONS[name] as SettingsSection<unknown>;
    for (const problem of section.problems(settings[name])) {
      errors.push(problemField(name, problem, settings[name]));
    }
  }
  return errors;
}

export function problemField(section: string, problem: string, value: unknown): SettingsFieldError {
  const path = LEADING_PATH.exec(problem)?.[0];
  if (path !== undefined && valueAt(value, path) !== undefined) {
    return { field: `${section}.${path}`, message: `${section}.${problem}` };
  }
  return { field: section, message: `${section}: ${problem}` };
}
