import { DEFAULT_CHURN_RISK_SETTINGS } from '../../churn-risk/domain/churn-risk-settings';
import { DEFAULT_INSIGHT_SETTINGS, InsightSettings, SETTINGS_SECTION_NAMES } from './insight-settings';
import { defaultsShapeProblems } from './json-shape';
import {
  applySettingsPatch,
  insightSettingsProblems,
  problemField,
  readStoredSettings,
} from './validate-insight-settings';

const DEFAULTS = DEFAULT_INSIGHT_SETTINGS;

function errorsOf(current: InsightSettings, patch: unknown) {
  const result = applySettingsPatch(current, patch);
  if (result.ok) throw new Error('expected the patch to be refused');
  return result.errors;
}

function settingsOf(current: InsightSettings, patch: unknown): InsightSettings {
  const result = applySettingsPatch(current, patch);
  if (!result.ok) throw new Error(`expected the patch to be accepted: ${JSON.stringify(result.errors)}`);
  return result.settings;
}

describe('the defaults (version 0)', () => {
  it('have every section', () => {
    expect(Object.keys(DEFAULTS).sort()).toEqual([...SETTINGS_SECTION_NAMES].sort());
  });

  it('are plain JSON that survives being stored, with arrays of one shape', () => {
    expect(defaultsShapeProblems(DEFAULTS)).toEqual([]);
    expect(JSON.parse(JSON.stringify(DEFAULTS))).toEqual(DEFAULTS);
  });

  it("pass every section's own rules", () => {
    expect(insightSettingsProblems(DEFAULTS)).toEqual([]);
  });

  it('are a valid patch of themselves (posting the defaults restores them)', () => {
    const changed = settingsOf(DEFAULTS, { churnRisk: { raiseThreshold: 80 } });
    expect(settingsOf(changed, DEFAULTS)).toEqual(DEFAULTS);
  });
});

describe('applySettingsPatch', () => {
  it('changes one churn-risk threshold and keeps everything else', () => {
    const settings = settingsOf(DEFAULTS, { churnRisk: { raiseThreshold: 75 } });
    expect(settings).toEqual({
      ...DEFAULTS,
      churnRisk: { ...DEFAULT_CHURN_RISK_SETTINGS, raiseThreshold: 75 },
    });
  });

  it('changes one weight without restating the others', () => {
    const settings = settingsOf(DEFAULTS, { churnRisk: { weights: { perReopen: 8 } } });
    expect(settings.churnRisk.weights).toEqual({ ...DEFAULT_CHURN_RISK_SETTINGS.weights, perReopen: 8 });
  });

  it('merges over the version in force, so successive patches add up', () => {
    const first = settingsOf(DEFAULTS, { churnRisk: { raiseThreshold: 75 } });
    const second = settingsOf(first, { churnRisk: { clearThreshold: 50 } });
    expect(second.churnRisk).toMatchObject({ raiseThreshold: 75, clearThreshold: 50, minChange: 10 });
  });

  it('accepts a combination that is only valid together, in one patch', () => {
    // Raising the clear threshold to 70 alone is refused (≥ 60); with the raise threshold at 80 it is fine.
    expect(errorsOf(DEFAULTS, { churnRisk: { clearThreshold: 70 } }).map((e) => e.field)).toEqual([
      'churnRisk.clearThreshold',
    ]);
    expect(
      settingsOf(DEFAULTS, { churnRisk: { clearThreshold: 70, raiseThreshold: 80 } }).churnRisk,
    ).toMatchObject({
      clearThreshold: 70,
      raiseThreshold: 80,
    });
  });

  it('names the field of a consistency problem with its section', () => {
    expect(errorsOf(DEFAULTS, { churnRisk: { raiseThreshold: 120 } })).toEqual([
      { field: 'churnRisk.raiseThreshold', message: 'churnRisk.raiseThreshold must be in (0, 100]' },
    ]);
    expect(errorsOf(DEFAULTS, { churnRisk: { windows: { recentDays: 120 } } })).toEqual([
      {
        field: 'churnRisk.windows.recentDays',
        message: 'churnRisk.windows.recentDays must be ≤ windows.longDays',
      },
    ]);
  });

  it('reports type errors, unknown settings and consistency problems together', () => {
    const errors = errorsOf(DEFAULTS, {
      churnRisk: {
        raiseThreshold: 'high',
        clearThreshold: 70,
        weights: { perReopen: -1, perBogus: 1 },
        windows: { recentDays: 7.5 },
      },
      unknownSection: {},
    });
    expect(errors).toEqual([
      { field: 'churnRisk.raiseThreshold', message: 'churnRisk.raiseThreshold must be a number' },
      {
        field: 'churnRisk.weights.perBogus',
        message: expect.stringContaining('is not a setting (expected lowCsatPerPoint'),
      },
      {
        field: 'unknownSection',
        message: expect.stringContaining('unknownSection is not a setting (expected churnRisk'),
      },
      {
        field: 'churnRisk.clearThreshold',
        message: 'churnRisk.clearThreshold must be ≥ 0 and below raiseThreshold',
      },
      {
        field: 'churnRisk.windows.recentDays',
        message: 'churnRisk.windows.recentDays must be a whole number of days from 1 to 3650',
      },
      { field: 'churnRisk.weights.perReopen', message: 'churnRisk.weights.perReopen must be from 0 to 100' },
    ]);
  });

  it('does not report a consistency problem again for a field already refused for its type', () => {
    const errors = errorsOf(DEFAULTS, { churnRisk: { windows: { longDays: '90' } } });
    expect(errors.map((e) => e.field)).toEqual(['churnRisk.windows.longDays']);
  });

  it('refuses a body that is not an object', () => {
    expect(errorsOf(DEFAULTS, [])).toEqual([{ field: 'body', message: 'body must be an object' }]);
  });

  it('changes neither the current settings nor the defaults', () => {
    const current = structuredClone(DEFAULTS);
    settingsOf(current, { churnRisk: { raiseThreshold: 75, weights: { perReopen: 9 } } });
    expect(current).toEqual(DEFAULTS);
    expect(DEFAULT_CHURN_RISK_SETTINGS.raiseThreshold).toBe(60);
    expect(DEFAULT_CHURN_RISK_SETTINGS.weights.perReopen).toBe(5);
  });
});

describe('readStoredSettings', () => {
  it('reads a complete stored document as it is', () => {
    const stored = structuredClone(DEFAULTS);
    stored.churnRisk.raiseThreshold = 70;
    expect(readStoredSettings(stored)).toEqual({ settings: stored, errors: [], ignored: [] });
  });

  it('fills a section or a setting the document does not have with its default', () => {
    const { settings, errors } = readStoredSettings({ churnRisk: { raiseThreshold: 70 } });
    expect(errors).toEqual([]);
    expect(settings).toEqual({
      ...DEFAULTS,
      churnRisk: { ...DEFAULT_CHURN_RISK_SETTINGS, raiseThreshold: 70 },
    });
  });

  it('ignores settings the code no longer has', () => {
    const { settings, errors, ignored } = readStoredSettings({
      churnRisk: { raiseThreshold: 70, retiredSetting: 1 },
      retiredSection: { a: 1 },
    });
    expect(errors).toEqual([]);
    expect(ignored).toEqual(['churnRisk.retiredSetting', 'retiredSection']);
    expect(settings.churnRisk.raiseThreshold).toBe(70);
  });

  it('reports a document that breaks the rules (types or consistency)', () => {
    expect(readStoredSettings({ churnRisk: { raiseThreshold: '70' } }).errors).toEqual([
      { field: 'churnRisk.raiseThreshold', message: 'churnRisk.raiseThreshold must be a number' },
    ]);
    expect(readStoredSettings({ churnRisk: { clearThreshold: 65 } }).errors.map((e) => e.field)).toEqual([
      'churnRisk.clearThreshold',
    ]);
  });
});

describe('problemField', () => {
  const section = { windows: { recentDays: 30 }, items: [{ name: 'a' }] };

  it('names the field a problem starts with when the section has it', () => {
    expect(problemField('s', 'windows.recentDays must be > 0', section)).toEqual({
      field: 's.windows.recentDays',
      message: 's.windows.recentDays must be > 0',
    });
    expect(problemField('s', 'items[0].name must not be empty', section).field).toBe('s.items[0].name');
    expect(problemField('s', 'windows: recentDays must be > 0', section).field).toBe('s.windows');
  });

  it('names the section when the problem does not start with one of its fields', () => {
    expect(problemField('s', 'The windows overlap', section)).toEqual({
      field: 's',
      message: 's: The windows overlap',
    });
    expect(problemField('s', 'items[3].name is empty', section).field).toBe('s');
  });
});
