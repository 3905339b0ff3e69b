import { SupportCase } from './cases/support-case';
import { CustomerErasure } from './customers/customer-erasure';
import { CaseStudyCandidateInsight } from './insights/case-study-candidate-insight';
import { ChurnRiskInsight } from './insights/churn-risk-insight';
import { ContentTopicInsight } from './insights/content-topic-insight';
import { PersonaSignalInsight } from './insights/persona-signal-insight';
import { ClassifiedCase } from './classified-cases/classified-case';
import { ScoredSurvey } from './scored-surveys/scored-survey';
import { SurveyResponse } from './surveys/survey-response';
import { TopicName, Topics } from './topics';

/** What a topic carries: the CloudEvents `type`, the `dataschema` and the class that validates `data`. */
export interface EventContract<T extends object = object> {
  topic: TopicName;
  type: string;
  dataschema: string;
  dataClass: new () => T;
}

function contract<T extends object>(
  topic: TopicName,
  name: string,
  dataClass: new () => T,
): EventContract<T> {
  return { topic, type: `dev.supportlens.${name}.v1`, dataschema: `supportlens:${name}:v1`, dataClass };
}

export const EventContracts = {
  RawTicket: contract(Topics.TicketsRaw, 'support.ticket.raw', SupportCase),
  RawSurvey: contract(Topics.SurveysRaw, 'support.survey.raw', SurveyResponse),
  Case: contract(Topics.Cases, 'support.case', SupportCase),
  Survey: contract(Topics.Surveys, 'support.survey', SurveyResponse),
  CustomerErasure: contract(Topics.CustomerErasures, 'support.customer.erasure', CustomerErasure),
  ClassifiedCase: contract(Topics.CasesClassified, 'support.case.classified', ClassifiedCase),
  ScoredSurvey: contract(Topics.SurveysScored, 'support.survey.scored', ScoredSurvey),
  ContentTopicInsight: contract(
    Topics.ContentTopicInsights,
    'marketing.insight.content-topic',
    ContentTopicInsight,
  ),
  PersonaSignalInsight: contract(
    Topics.PersonaSignalInsights,
    'marketing.insight.persona-signal',
    PersonaSignalInsight,
  ),
  CaseStudyCandidateInsight: contract(
    Topics.CaseStudyCandidateInsights,
    'marketing.insight.case-study-candidate',
    CaseStudyCandidateInsight,
  ),
  ChurnRiskInsight: contract(Topics.ChurnRiskInsights, 'marketing.insight.churn-risk', ChurnRiskInsight),
} as const;
