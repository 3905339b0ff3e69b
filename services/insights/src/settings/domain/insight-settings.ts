import { CandidateSettings } from '../../candidates/domain/candidate-settings';
import { ChurnRiskSettings } from '../../churn-risk/domain/churn-risk-settings';
import { ContentTopicSettings } from '../../content-topics/domain/content-topic-settings';
import { DriverSettings } from '../../drivers/domain/driver-settings';
import { PersonaSignalSettings } from '../../persona-signals/domain/persona-signal-settings';
import { BusinessCalendar } from '../../service-metrics/domain/business-calendar';

/**
 * Every threshold, window and weight of the insights service: one versioned document, changeable at
 * runtime. Each section is defined (with its defaults and its consistency rules) by the feature
 * that reads it.
 */
export interface InsightSettings {
  churnRisk: ChurnRiskSettings;
  contentTopics: ContentTopicSettings;
  personaSignals: PersonaSignalSettings;
  candidates: CandidateSettings;
  drivers: DriverSettings;
  businessCalendar: BusinessCalendar;
}

/** The settings in force and the version they are (0: the code's defaults, before any version was saved). */
export interface VersionedInsightSettings {
  version: number;
  settings: InsightSettings;
}
