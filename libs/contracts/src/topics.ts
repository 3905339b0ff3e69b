/**
 * Every Kafka topic SupportLens reads or writes. Names follow `<domain>.<entity>[.<stage>].v<major>`;
 * a breaking contract change gets a new major topic, additive changes stay on the same one.
 */
export const Topics = {
  /** Raw tickets published by help desks, chat and telephony (plain JSON, CloudEvents headers optional). */
  TicketsRaw: 'support.tickets.raw.v1',
  /** Raw survey responses published by survey tools. */
  SurveysRaw: 'support.surveys.raw.v1',
  /** Validated, normalised support cases. */
  Cases: 'support.cases.v1',
  /** Validated, normalised survey responses. */
  Surveys: 'support.surveys.v1',
  /** Customers whose personal data was erased: every service scrubs what it holds of them (ingest). */
  CustomerErasures: 'support.customers.erasures.v1',
  /** Cases with their issue code. */
  CasesClassified: 'support.cases.classified.v1',
  /** Survey responses with their scores. */
  SurveysScored: 'support.surveys.scored.v1',
  /** Content topics: issue codes and emerging terms marketing should write about (insights). */
  ContentTopicInsights: 'marketing.insights.content-topics.v1',
  /** Persona signals: segments that depart from the base or from their own past (insights). */
  PersonaSignalInsights: 'marketing.insights.persona-signals.v1',
  /** Case-study, reference and focus-group candidates (insights). */
  CaseStudyCandidateInsights: 'marketing.insights.case-study-candidates.v1',
  /** Churn-risk customers: raised, updated and cleared insights (insights). */
  ChurnRiskInsights: 'marketing.insights.churn-risk.v1',
} as const;

export type TopicName = (typeof Topics)[keyof typeof Topics];

/** Dead letters of a topic: messages that can never be processed, with the reason in headers. */
export function deadLetterTopic(topic: string): string {
  return `${topic}.dlq`;
}
