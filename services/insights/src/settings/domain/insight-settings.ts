import {
  CandidateSettings,
  candidateSettingsProblems,
  DEFAULT_CANDIDATE_SETTINGS,
} from '../../candidates/domain/candidate-settings';
import {
  ChurnRiskSettings,
  churnRiskSettingsProblems,
  DEFAULT_CHURN_RISK_SETTINGS,
} from '../../churn-risk/domain/churn-risk-settings';
import {
  ContentTopicSettings,
  contentTopicSettingsProblems,
  DEFAULT_CONTENT_TOPIC_SETTINGS,
} from '../../content-topics/domain/content-topic-settings';
import {
  CustomerProfileSettings,
  customerProfileSettingsProblems,
  DEFAULT_CUSTOMER_PROFILE_SETTINGS,
} from '../../customers/domain/customer-profile-settings';
import {
  DEFAULT_DRIVER_SETTINGS,
  DriverSettings,
  driverSettingsProblems,
} from '../../drivers/domain/driver-settings';
import {
  DEFAULT_PERSONA_SIGNAL_SETTINGS,
  PersonaSignalSettings,
  personaSignalSettingsProblems,
} from '../../persona-signals/domain/persona-signal-settings';
import {
  BusinessCalendar,
  businessCalendarProblems,
  DEFAULT_BUSINESS_CALENDAR,
} from '../../service-metrics/domain/business-calendar';

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
  customerProfile: CustomerProfileSettings;
}

/** The settings in force and the version they are (0: the code's defaults, before any version was saved). */
export interface VersionedInsightSettings {
  version: number;
  settings: InsightSettings;
}

export interface SettingsSection<T> {
  /** The defaults, which are also the shape every stored or posted value is checked against. */
  defaults: T;
  /** What is wrong with a combination of (well-typed) values: each problem starts with the field's path. */
  problems(settings: T): string[];
}

/** Each section's defaults and rules; a section added to InsightSettings must be registered here. */
export const SETTINGS_SECTIONS: { [K in keyof InsightSettings]: SettingsSection<InsightSettings[K]> } = {
  churnRisk: { defaults: DEFAULT_CHURN_RISK_SETTINGS, problems: churnRiskSettingsProblems },
  contentTopics: { defaults: DEFAULT_CONTENT_TOPIC_SETTINGS, problems: contentTopicSettingsProblems },
  personaSignals: { defaults: DEFAULT_PERSONA_SIGNAL_SETTINGS, problems: personaSignalSettingsProblems },
  candidates: { defaults: DEFAULT_CANDIDATE_SETTINGS, problems: candidateSettingsProblems },
  drivers: { defaults: DEFAULT_DRIVER_SETTINGS, problems: driverSettingsProblems },
  businessCalendar: { defaults: DEFAULT_BUSINESS_CALENDAR, problems: businessCalendarProblems },
  customerProfile: { defaults: DEFAULT_CUSTOMER_PROFILE_SETTINGS, problems: customerProfileSettingsProblems },
};

export type SettingsSectionName = keyof InsightSettings;
export const SETTINGS_SECTION_NAMES = Object.keys(SETTINGS_SECTIONS) as SettingsSectionName[];

/** The code's defaults: version 0, in force until a version is stored. */
export const DEFAULT_INSIGHT_SETTINGS: InsightSettings = {
  churnRisk: SETTINGS_SECTIONS.churnRisk.defaults,
  contentTopics: SETTINGS_SECTIONS.contentTopics.defaults,
  personaSignals: SETTINGS_SECTIONS.personaSignals.defaults,
  candidates: SETTINGS_SECTIONS.candidates.defaults,
  drivers: SETTINGS_SECTIONS.drivers.defaults,
  businessCalendar: SETTINGS_SECTIONS.businessCalendar.defaults,
  customerProfile: SETTINGS_SECTIONS.customerProfile.defaults,
};
