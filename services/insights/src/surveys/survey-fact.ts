import { ScoredSurvey } from '@supportlens/contracts';
import { InboundEvent } from '@supportlens/messaging';
import { customerSnapshot } from '../customers/customer-snapshot';
import { FactRow } from '../read-models/fact-row';

/** A scored survey response as one row of `insights.survey_facts`. Pure. */
export function toSurveyFactRow(event: InboundEvent<ScoredSurvey>): FactRow {
  const { response, scores, scoringConfigVersion } = event.data;
  return {
    source: response.source,
    response_id: response.responseId,
    event_id: event.attributes.id!,
    event_time: event.attributes.time ?? response.respondedAt,
    customer_id: response.customer.id,
    customer: customerSnapshot(response.customer),
    kind: response.kind,
    case_id: response.caseId,
    channel: response.channel,
    responded_at: response.respondedAt,
    csat: scores.csat,
    csat_satisfied: scores.csatSatisfied,
    nps: scores.nps,
    nps_category: scores.npsCategory,
    ces: scores.ces,
    scoring_config_version: scoringConfigVersion,
    // Everything scored, so the rollup can take this version's contribution out exactly when a
    // newer version replaces it.
    scores,
    // Set from the response's classified case when written (see SatisfactionRollup).
    issue_code: null,
    agent_id: null,
  };
}

export const SURVEY_FACT_COLUMNS = [
  { name: 'source', type: 'text' },
  { name: 'response_id', type: 'text' },
  { name: 'event_id', type: 'text' },
  { name: 'event_time', type: 'timestamptz' },
  { name: 'customer_id', type: 'text' },
  { name: 'customer', type: 'jsonb' },
  { name: 'kind', type: 'text' },
  { name: 'case_id', type: 'text' },
  { name: 'channel', type: 'text' },
  { name: 'responded_at', type: 'timestamptz' },
  { name: 'csat', type: 'int' },
  { name: 'csat_satisfied', type: 'boolean' },
  { name: 'nps', type: 'int' },
  { name: 'nps_category', type: 'text' },
  { name: 'ces', type: 'int' },
  { name: 'scoring_config_version', type: 'int' },
  { name: 'scores', type: 'jsonb' },
  { name: 'issue_code', type: 'text' },
  { name: 'agent_id', type: 'text' },
] as const;
