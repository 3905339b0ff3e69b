import { BaseServiceConfig, IsIntInRange, ToInt } from '@supportlens/platform';
import { ChurnRiskSettings, DEFAULT_CHURN_RISK_SETTINGS } from '../churn-risk/domain/churn-risk-settings';

const CHURN = DEFAULT_CHURN_RISK_SETTINGS;

export class InsightsConfig extends BaseServiceConfig {
  override PORT = 3004;

  /** Churn risk: raise an insight at a score ≥ this (0–100). */
  @ToInt()
  @IsIntInRange(1, 100)
  CHURN_RISK_RAISE_THRESHOLD = CHURN.raiseThreshold;

  /** Churn risk: clear an open insight when its score falls below this; must be below the raise threshold. */
  @ToInt()
  @IsIntInRange(0, 99)
  CHURN_RISK_CLEAR_THRESHOLD = CHURN.clearThreshold;

  /** Churn risk: update an open insight when its score moves by at least this many points. */
  @ToInt()
  @IsIntInRange(1, 100)
  CHURN_RISK_MIN_CHANGE = CHURN.minChange;

  /** Churn risk: the recent and the long window, in days back from the customer's latest fact. */
  @ToInt()
  @IsIntInRange(1, 3650)
  CHURN_RISK_RECENT_DAYS = CHURN.windows.recentDays;

  @ToInt()
  @IsIntInRange(1, 3650)
  CHURN_RISK_WINDOW_DAYS = CHURN.windows.longDays;

  /** Churn risk: the lifetime value of a first purchase; the value factor peaks at ten times it. */
  @ToInt()
  @IsIntInRange(1, 1_000_000_000)
  CHURN_RISK_REFERENCE_VALUE = CHURN.value.referenceLifetimeValue;

  /** Churn risk: the largest value factor, in percent (150 = ×1.5). */
  @ToInt()
  @IsIntInRange(100, 1000)
  CHURN_RISK_MAX_VALUE_FACTOR_PERCENT = Math.round(CHURN.value.maxValueFactor * 100);
}

/** The churn-risk settings: the code's defaults (weights, norms) with the configured thresholds and windows. */
export function churnRiskSettingsOf(config: InsightsConfig): ChurnRiskSettings {
  return {
    ...CHURN,
    raiseThreshold: config.CHURN_RISK_RAISE_THRESHOLD,
    clearThreshold: config.CHURN_RISK_CLEAR_THRESHOLD,
    minChange: config.CHURN_RISK_MIN_CHANGE,
    windows: { recentDays: config.CHURN_RISK_RECENT_DAYS, longDays: config.CHURN_RISK_WINDOW_DAYS },
    value: {
      referenceLifetimeValue: config.CHURN_RISK_REFERENCE_VALUE,
      maxValueFactor: config.CHURN_RISK_MAX_VALUE_FACTOR_PERCENT / 100,
    },
  };
}
