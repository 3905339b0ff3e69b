import { Injectable } from '@nestjs/common';
import { DEFAULT_CANDIDATE_SETTINGS } from '../candidates/domain/candidate-settings';
import { churnRiskSettingsProblems } from '../churn-risk/domain/churn-risk-settings';
import { churnRiskSettingsOf, InsightsConfig } from '../config/insights.config';
import { DEFAULT_CONTENT_TOPIC_SETTINGS } from '../content-topics/domain/content-topic-settings';
import { DEFAULT_DRIVER_SETTINGS } from '../drivers/domain/driver-settings';
import { DEFAULT_PERSONA_SIGNAL_SETTINGS } from '../persona-signals/domain/persona-signal-settings';
import { DEFAULT_BUSINESS_CALENDAR } from '../service-metrics/domain/business-calendar';
import { VersionedInsightSettings } from './domain/insight-settings';

// SKELETON: becomes the live versioned settings (Postgres, LISTEN/NOTIFY) — see settings/.
/** The insight settings in force on this instance; read `current` at the start of each use. */
@Injectable()
export class InsightSettingsProvider {
  private readonly value: VersionedInsightSettings;

  constructor(config: InsightsConfig) {
    const churnRisk = churnRiskSettingsOf(config);
    // Each variable is range-checked at start; this catches the combinations (clear ≥ raise would flap).
    const problems = churnRiskSettingsProblems(churnRisk);
    if (problems.length > 0) throw new Error(`invalid churn-risk settings: ${problems.join('; ')}`);
    this.value = {
      version: 0,
      settings: {
        churnRisk,
        contentTopics: DEFAULT_CONTENT_TOPIC_SETTINGS,
        personaSignals: DEFAULT_PERSONA_SIGNAL_SETTINGS,
        candidates: DEFAULT_CANDIDATE_SETTINGS,
        drivers: DEFAULT_DRIVER_SETTINGS,
        businessCalendar: DEFAULT_BUSINESS_CALENDAR,
      },
    };
  }

  get current(): VersionedInsightSettings {
    return this.value;
  }
}
