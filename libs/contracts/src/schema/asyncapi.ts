import { CloudEventAttributes } from '../cloudevents/cloud-event-attributes';
import { toKafkaHeaders } from '../cloudevents/kafka-binary-mode';
import { EventContract, EventContracts } from '../event-contracts';
import { deadLetterTopic, TopicName, Topics } from '../topics';
import { buildJsonSchemas, JsonSchema, SCHEMA_REF_PREFIX, sortKeysDeep } from './json-schemas';

/** Version of the AsyncAPI document: bump the minor on additive contract changes, the major on breaking ones. */
export const ASYNCAPI_DOCUMENT_VERSION = '1.1.0';

const KAFKA_BINDING_VERSION = '0.5.0';

type ContractName = keyof typeof EventContracts;
type ServiceName = 'ingest' | 'classifier' | 'survey-scoring' | 'insights';

/** Who reads and writes each topic (the services' consumer and producer modules). */
const SERVICES: Record<ServiceName, { receives: TopicName[]; sends: TopicName[] }> = {
  ingest: {
    receives: [Topics.TicketsRaw, Topics.SurveysRaw],
    sends: [Topics.Cases, Topics.Surveys, Topics.CustomerErasures],
  },
  classifier: { receives: [Topics.Cases, Topics.CustomerErasures], sends: [Topics.CasesClassified] },
  'survey-scoring': { receives: [Topics.Surveys], sends: [Topics.SurveysScored] },
  insights: {
    receives: [Topics.CasesClassified, Topics.SurveysScored, Topics.CustomerErasures],
    sends: [
      Topics.ContentTopicInsights,
      Topics.PersonaSignalInsights,
      Topics.CaseStudyCandidateInsights,
      Topics.ChurnRiskInsights,
    ],
  },
};

/** Other systems publish plain JSON to these; CloudEvents headers are welcome but not required. */
const RAW_TOPICS: readonly TopicName[] = [Topics.TicketsRaw, Topics.SurveysRaw];

const TOPIC_DESCRIPTIONS: Record<TopicName, string> = {
  [Topics.TicketsRaw]:
    'Raw tickets published by help desks, chat and telephony. Ingest normalises each record (blank ' +
    'optional fields dropped) and validates it against SupportCase before publishing it to support.cases.v1.',
  [Topics.SurveysRaw]:
    'Raw survey responses published by survey tools. Ingest normalises and validates each record ' +
    'against SurveyResponse before publishing it to support.surveys.v1.',
  [Topics.Cases]:
    'Validated, normalised support cases. Names and e-mails stay with ingest, and contact details in ' +
    'the text are masked: the customer is named by id only.',
  [Topics.Surveys]: 'Validated, normalised survey responses; the customer is named by id only.',
  [Topics.CustomerErasures]:
    "A customer's personal data was erased: each service scrubs the free text it holds of the customer's " +
    'records and keeps the erasure, so that records dated up to erasedAt never bring text back.',
  [Topics.CasesClassified]: 'Support cases with their issue code.',
  [Topics.SurveysScored]: 'Survey responses with their scores.',
  [Topics.ContentTopicInsights]:
    'Content topics: the issue codes and emerging terms marketing should write about, raised as they ' +
    'rise, updated as they move, cleared when they fall back; per topic key in sequence order.',
  [Topics.PersonaSignalInsights]:
    'Persona signals: a segment whose issue mix, satisfaction or channel use departs from the base or ' +
    'from its own past by a statistically significant margin, with the test and the effect size.',
  [Topics.CaseStudyCandidateInsights]:
    'Case-study, reference and focus-group candidates: consenting, satisfied customers with a case ' +
    'resolved well, raised, updated and withdrawn; per customer in sequence order.',
  [Topics.ChurnRiskInsights]:
    'Churn-risk customers: an insight raised when the score crosses the raise threshold, updated when it ' +
    'moves, cleared when it falls below the clear threshold; per customer in sequence order.',
};

/**
 * The dead-letter headers. They mirror `DeadLetterHeaders` in libs/messaging/src/consuming/dead-letter.ts,
 * which writes them: contracts must not depend on messaging, so keep the two lists in step by hand.
 */
const DEAD_LETTER_HEADERS: Record<string, JsonSchema> = {
  dlq_original_topic: { type: 'string', description: 'The topic the message was read from.' },
  dlq_original_partition: {
    type: 'string',
    pattern: '^[0-9]+$',
    description: 'The partition it was read from, in decimal.',
  },
  dlq_original_offset: {
    type: 'string',
    pattern: '^[0-9]+$',
    description: 'Its offset in that partition, in decimal.',
  },
  dlq_consumer_group: {
    type: 'string',
    description: 'The consumer group that refused it: `<KAFKA_GROUP_ID_PREFIX>.<service>.<consumer>`.',
  },
  dlq_error_class: {
    type: 'string',
    description:
      'Why, for machines: EmptyMessage, MessageTooLarge, MissingCloudEventAttributes, ' +
      'UnexpectedEventType, MalformedJson, ContractViolation, or a class a handler chose.',
  },
  dlq_error_message: {
    type: 'string',
    maxLength: 4000,
    description: 'Why, for people, e.g. the fields that violate the contract.',
  },
  dlq_failed_at: { type: 'string', format: 'date-time', description: 'When it was refused.' },
};

/**
 * The AsyncAPI 3.0 description of SupportLens: one channel per topic and per dead-letter topic, each
 * service's operations, and the contract classes' JSON Schemas as `components.schemas`.
 */
export function buildAsyncApiDocument(): JsonSchema {
  const schemas = buildJsonSchemas();
  const contracts = contractsByTopic();
  const consumers = consumersByTopic();

  const channels: Record<string, JsonSchema> = {};
  const messages: Record<string, JsonSchema> = {};
  const operations: Record<string, JsonSchema> = {};

  for (const topic of Object.values(Topics)) {
    const [name, contract] = contracts[topic];
    const dataClass = contract.dataClass.name;
    if (!schemas[dataClass]) throw new Error(`no JSON Schema for ${dataClass} (${topic})`);
    messages[name] = eventMessage(name, contract);
    channels[topic] = {
      address: topic,
      description: TOPIC_DESCRIPTIONS[topic],
      messages: { [name]: { $ref: `#/components/messages/${name}` } },
    };
    const consumer = consumers[topic]?.join(' or ');
    if (!consumer) continue;
    const dlq = deadLetterTopic(topic);
    messages[`${name}DeadLetter`] = deadLetterMessage(name, topic, consumer);
    channels[dlq] = {
      address: dlq,
      description: `Messages from ${topic} that ${consumer} can never process, with the reason in headers.`,
      messages: { [`${name}DeadLetter`]: { $ref: `#/components/messages/${name}DeadLetter` } },
    };
  }

  for (const [service, { receives, sends }] of Object.entries(SERVICES)) {
    for (const topic of receives) {
      const [name] = contracts[topic];
      operations[`${service}.receive.${topic}`] = operation('receive', service, topic, name);
      const dlq = deadLetterTopic(topic);
      operations[`${service}.send.${dlq}`] = operation('send', service, dlq, `${name}DeadLetter`);
    }
    for (const topic of sends) {
      operations[`${service}.send.${topic}`] = operation('send', service, topic, contracts[topic][0]);
    }
  }

  return sortKeysDeep({
    asyncapi: '3.0.0',
    info: {
      title: 'SupportLens',
      version: ASYNCAPI_DOCUMENT_VERSION,
      description:
        'Customer-support events turned into marketing insight. Every event is a CloudEvent in Kafka ' +
        'binary mode (attributes as `ce_*` headers, `data` as the JSON value), keyed by customer id so ' +
        "one customer's events stay in order. Generated from the contract classes in libs/contracts by " +
        '`npm run contracts:generate`: do not edit by hand.',
    },
    servers: {
      local: {
        host: '127.0.0.1:9092',
        protocol: 'kafka',
        description: 'The local broker (`npm run kafka:start`).',
      },
    },
    channels,
    operations,
    components: { schemas, messages },
  }) as JsonSchema;
}

function eventMessage(name: ContractName, contract: EventContract): JsonSchema {
  const raw = RAW_TOPICS.includes(contract.topic);
  return {
    name,
    title: contract.type,
    summary: `${contract.dataClass.name} on ${contract.topic}`,
    contentType: 'application/json',
    headers: raw ? rawHeaders(contract) : cloudEventHeaders(contract),
    payload: { $ref: `${SCHEMA_REF_PREFIX}${contract.dataClass.name}` },
    bindings: {
      kafka: {
        key: {
          type: 'string',
          description: raw
            ? 'Preferably the customer id. Ingest does not read it: it keys what it publishes by customer id.'
            : 'The customer id (also `ce_subject`): one customer stays on one partition, in order.',
        },
        bindingVersion: KAFKA_BINDING_VERSION,
      },
    },
  };
}

/** Internal topics: SupportLens producers always set every attribute, and consumers require them. */
function cloudEventHeaders(contract: EventContract): JsonSchema {
  const properties = headerProperties({
    specversion: { type: 'string', const: '1.0' },
    id: {
      type: 'string',
      format: 'uuid',
      description:
        'UUIDv5, deterministic: from the source record version (ingest) or from the input event id ' +
        '(classifier, survey-scoring). Consumers drop ids they have already processed.',
    },
    source: { type: 'string', description: 'The producing service, e.g. `/supportlens/ingest`.' },
    type: { type: 'string', const: contract.type, description: 'Any other type is dead-lettered.' },
    time: { type: 'string', format: 'date-time', description: 'When the event occurred (RFC 3339).' },
    subject: { type: 'string', description: 'The customer id; the same as the message key.' },
    dataschema: { type: 'string', const: contract.dataschema },
    datacontenttype: { type: 'string', const: 'application/json' },
  });
  return {
    type: 'object',
    description: 'CloudEvents 1.0, Kafka protocol binding, binary mode.',
    properties,
    required: Object.keys(properties),
  };
}

/** Raw topics: plain JSON from other systems; ingest neither requires nor checks the headers. */
function rawHeaders(contract: EventContract): JsonSchema {
  const properties = headerProperties({
    specversion: { type: 'string', const: '1.0' },
    id: { type: 'string' },
    source: { type: 'string', description: 'The producing system, e.g. `zendesk`.' },
    type: { type: 'string', examples: [contract.type] },
    time: { type: 'string', format: 'date-time' },
    subject: { type: 'string', description: 'The customer id.' },
    dataschema: { type: 'string', examples: [contract.dataschema] },
    datacontenttype: { type: 'string', const: 'application/json' },
  });
  return {
    type: 'object',
    description:
      'Optional. Producers may send CloudEvents headers (binary mode) or none at all; ingest derives ' +
      'the event id, type and subject of what it publishes itself.',
    properties,
  };
}

/** Header names come from the binding code itself (`ce_<attribute>`, `content-type`). */
function headerProperties(byAttribute: Record<keyof CloudEventAttributes, JsonSchema>): JsonSchema {
  return Object.fromEntries(
    Object.entries(byAttribute).map(([attribute, schema]) => {
      const [header] = Object.keys(toKafkaHeaders({ [attribute]: '' } as unknown as CloudEventAttributes));
      return [header, schema];
    }),
  );
}

function deadLetterMessage(name: ContractName, topic: TopicName, consumer: string): JsonSchema {
  return {
    name: `${name}DeadLetter`,
    title: `Dead letter of ${topic}`,
    summary:
      `A message ${consumer} can never process: the original key, value and headers byte for byte, ` +
      'plus why and where from. Transient failures are retried, never dead-lettered.',
    headers: {
      type: 'object',
      description: 'The original headers (`ce_*` included, when it had them) plus these.',
      properties: DEAD_LETTER_HEADERS,
      required: Object.keys(DEAD_LETTER_HEADERS),
    },
    payload: {
      description:
        'The original value, unchanged. It may be empty, oversized or not JSON at all: that can be why it is here.',
    },
    bindings: {
      kafka: {
        key: { type: 'string', description: 'The original key, unchanged.' },
        bindingVersion: KAFKA_BINDING_VERSION,
      },
    },
  };
}

function operation(
  action: 'send' | 'receive',
  service: string,
  channel: string,
  message: string,
): JsonSchema {
  return {
    action,
    channel: { $ref: `#/channels/${channel}` },
    messages: [{ $ref: `#/channels/${channel}/messages/${message}` }],
    summary: `${service} ${action === 'send' ? 'publishes to' : 'consumes'} ${channel}.`,
    tags: [{ name: service }],
  };
}

function contractsByTopic(): Record<TopicName, [ContractName, EventContract]> {
  const byTopic = {} as Record<TopicName, [ContractName, EventContract]>;
  for (const [name, contract] of Object.entries(EventContracts) as [ContractName, EventContract][]) {
    if (byTopic[contract.topic]) throw new Error(`two contracts for ${contract.topic}`);
    byTopic[contract.topic] = [name, contract];
  }
  const missing = Object.values(Topics).filter((topic) => !byTopic[topic]);
  if (missing.length > 0) throw new Error(`no contract for ${missing.join(', ')}`);
  return byTopic;
}

function consumersByTopic(): Partial<Record<TopicName, ServiceName[]>> {
  const byTopic: Partial<Record<TopicName, ServiceName[]>> = {};
  for (const [service, { receives }] of Object.entries(SERVICES) as [
    ServiceName,
    { receives: TopicName[] },
  ][]) {
    for (const topic of receives) byTopic[topic] = [...(byTopic[topic] ?? []), service];
  }
  return byTopic;
}
