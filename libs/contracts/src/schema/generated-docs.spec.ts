import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getMetadataStorage, ValidationTypes } from 'class-validator';
import { parse } from 'yaml';
import { CHANNELS, SupportCase } from '../cases/support-case';
import { CaseClassification, CaseTone, IssueCodeCandidate } from '../classified-cases/case-classification';
import { ClassifiedCase } from '../classified-cases/classified-case';
import { Customer, CustomerConsent, CustomerSegment } from '../customers/customer';
import { CustomerErasure } from '../customers/customer-erasure';
import {
  CandidateResolvedCase,
  CandidateSatisfactionEvidence,
  CandidateScoreParts,
  CandidateWithdrawalReason,
  CaseStudyCandidateInsight,
} from '../insights/case-study-candidate-insight';
import { ChurnRiskInsight, ChurnRiskReason } from '../insights/churn-risk-insight';
import {
  ContentTopicChannel,
  ContentTopicInsight,
  ContentTopicScoreParts,
  ContentTopicSegment,
  ContentTopicSignificance,
  ContentTopicWindow,
} from '../insights/content-topic-insight';
import {
  PersonaSegment,
  PersonaSegmentCondition,
  PersonaSignalComparison,
  PersonaSignalInsight,
  PersonaSignalInterval,
  PersonaSignalSide,
  PersonaSignalWindow,
} from '../insights/persona-signal-insight';
import { EventContracts } from '../event-contracts';
import { ScoredSurvey } from '../scored-surveys/scored-survey';
import { SurveyScores } from '../scored-surveys/survey-scores';
import { ServqualAnswers, ServqualImportance, ServqualItem, ServqualRating } from '../surveys/servqual';
import { TopicRatings } from '../surveys/topic-ratings';
import { BenchmarkComparison, ServqualDimensionScore, ServqualScore } from '../scored-surveys/servqual-score';
import { SurveyResponse } from '../surveys/survey-response';
import { deadLetterTopic, Topics } from '../topics';
import { validateContract } from '../validation/validate-contract';
import { RFC3339_DATE_TIME } from '../validation/is-timestamp';
import { buildAsyncApiDocument } from './asyncapi';
import { buildJsonSchemas, JSON_SCHEMA_DIALECT, JsonSchema, standaloneJsonSchema } from './json-schemas';

const DOCS = join(__dirname, '..', '..', '..', '..', 'docs', 'contracts');
const REGENERATE = 'run `npm run contracts:generate` and commit docs/contracts';

/** Every class the event contracts reach, and nothing else. */
const CONTRACT_CLASSES: (new () => object)[] = [
  SupportCase,
  Customer,
  CustomerSegment,
  CustomerConsent,
  CustomerErasure,
  SurveyResponse,
  ServqualAnswers,
  ServqualRating,
  ServqualItem,
  ServqualImportance,
  TopicRatings,
  ClassifiedCase,
  CaseClassification,
  IssueCodeCandidate,
  CaseTone,
  ScoredSurvey,
  SurveyScores,
  ServqualScore,
  ServqualDimensionScore,
  BenchmarkComparison,
  ContentTopicInsight,
  ContentTopicWindow,
  ContentTopicScoreParts,
  ContentTopicSegment,
  ContentTopicChannel,
  ContentTopicSignificance,
  PersonaSignalInsight,
  PersonaSegment,
  PersonaSegmentCondition,
  PersonaSignalWindow,
  PersonaSignalSide,
  PersonaSignalInterval,
  PersonaSignalComparison,
  CaseStudyCandidateInsight,
  CandidateSatisfactionEvidence,
  CandidateResolvedCase,
  CandidateScoreParts,
  CandidateWithdrawalReason,
  ChurnRiskInsight,
  ChurnRiskReason,
];

const schemas = buildJsonSchemas();
const asyncApi = buildAsyncApiDocument();

describe('docs/contracts (generated from the contract classes)', () => {
  it('asyncapi.yaml is up to date', () => {
    expectUpToDate(
      'docs/contracts/asyncapi.yaml',
      () => parse(readFileSync(join(DOCS, 'asyncapi.yaml'), 'utf8')),
      asyncApi,
    );
  });

  it('schemas/ holds exactly one file per contract class', () => {
    expectUpToDate(
      'docs/contracts/schemas/',
      () => readdirSync(join(DOCS, 'schemas')).sort(),
      Object.keys(schemas)
        .map((name) => `${name}.schema.json`)
        .sort(),
    );
  });

  it.each(Object.keys(schemas))('schemas/%s.schema.json is up to date', (name) => {
    expectUpToDate(
      `docs/contracts/schemas/${name}.schema.json`,
      () => JSON.parse(readFileSync(join(DOCS, 'schemas', `${name}.schema.json`), 'utf8')),
      standaloneJsonSchema(name, schemas),
    );
  });
});

describe('buildJsonSchemas', () => {
  it('emits the classes the event contracts reach, and only those', () => {
    expect(Object.keys(schemas).sort()).toEqual(CONTRACT_CLASSES.map((cls) => cls.name).sort());
  });

  it('describes a support case', () => {
    const schema = schemas.SupportCase;
    const properties = schema.properties as Record<string, JsonSchema>;
    expect([...(schema.required as string[])].sort()).toEqual(
      ['caseId', 'source', 'customer', 'channel', 'status', 'subject', 'description', 'openedAt'].sort(),
    );
    expect(properties.channel).toEqual({ type: 'string', enum: [...CHANNELS] });
    expect(properties.customer).toEqual({ $ref: '#/components/schemas/Customer' });
    expect(properties.openedAt).toEqual({
      type: 'string',
      format: 'date-time',
      pattern: RFC3339_DATE_TIME.source,
    });
    expect(properties.resolvedAt).toEqual({
      type: 'string',
      format: 'date-time',
      pattern: RFC3339_DATE_TIME.source,
      description: 'must not be earlier than openedAt',
    });
    expect(properties.caseId).toEqual({ type: 'string', minLength: 1, maxLength: 200 });
    expect(properties.reopenCount).toEqual({ type: 'integer', minimum: 0, maximum: 100_000 });
    expect(properties.holdSeconds).toEqual({ type: 'number', minimum: 0 });
  });

  it('refers to nested classes, in arrays too', () => {
    const classification = schemas.CaseClassification.properties as Record<string, JsonSchema>;
    expect(classification.candidates).toEqual({
      type: 'array',
      items: { $ref: '#/components/schemas/IssueCodeCandidate' },
    });
    expect((schemas.ScoredSurvey.properties as Record<string, JsonSchema>).response).toEqual({
      $ref: '#/components/schemas/SurveyResponse',
    });
  });

  it.each(CONTRACT_CLASSES.map((cls) => [cls.name, cls] as const))(
    '%s requires exactly its properties without @IsOptional',
    (name, cls) => {
      const metadatas = getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false);
      const all = new Set(metadatas.map((meta) => meta.propertyName));
      const optional = new Set(
        metadatas
          .filter((meta) => meta.type === ValidationTypes.CONDITIONAL_VALIDATION)
          .map((meta) => meta.propertyName),
      );
      const schema = schemas[name];
      expect(Object.keys(schema.properties as object).sort()).toEqual([...all].sort());
      expect([...((schema.required as string[] | undefined) ?? [])].sort()).toEqual(
        [...all].filter((property) => !optional.has(property)).sort(),
      );
    },
  );
});

describe('standaloneJsonSchema', () => {
  it('is a JSON Schema 2020-12 document with its nested classes in $defs', () => {
    const schema = standaloneJsonSchema('SupportCase', schemas);
    expect(schema.$schema).toBe(JSON_SCHEMA_DIALECT);
    expect(Object.keys(schema.$defs as object).sort()).toEqual([
      'Customer',
      'CustomerConsent',
      'CustomerSegment',
    ]);
    expect((schema.properties as Record<string, JsonSchema>).customer).toEqual({
      $ref: '#/$defs/Customer',
    });
  });

  it.each(Object.keys(schemas))('%s resolves every $ref inside itself', (name) => {
    const schema = standaloneJsonSchema(name, schemas);
    for (const ref of refsIn(schema)) {
      expect(ref).toMatch(/^#(\/\$defs\/\w+)?$/);
      expect(resolvePointer(schema, ref)).toBeDefined();
    }
  });
});

// ajv is in node_modules only through the Nest CLI, so rather than depend on it, this checks samples
// with a minimal validator for the keywords the generator emits; the first test makes sure those are
// all it emits, so an unhandled assertion keyword cannot be skipped silently.
describe('the generated schemas agree with the class-validator rules', () => {
  const validCase = {
    caseId: 'C-1',
    source: 'zendesk',
    customer: {
      id: 'cust-1',
      email: 'ana@example.com',
      segment: { industry: 'retail' },
      consent: { caseStudy: true },
      lifetimeValue: 1200.5,
    },
    channel: 'chat',
    status: 'solved',
    subject: 'Cannot export invoices',
    description: 'The export button does nothing',
    openedAt: '2026-11-01T09:00:00Z',
    firstResponseAt: '2026-11-01T09:05:00Z',
    resolvedAt: '2026-11-01T10:00:00Z',
    holdSeconds: 30,
    reopenCount: 1,
    escalated: false,
  };
  const validClassified = {
    case: validCase,
    classification: {
      issueCode: 'billing.export',
      category: 'billing',
      confidence: 0.92,
      method: 'rules',
      candidates: [
        { issueCode: 'billing.export', confidence: 0.92 },
        { issueCode: 'billing.invoice', confidence: 0.05 },
      ],
      taxonomyVersion: '2026-10',
    },
  };
  const validSurvey = {
    responseId: 'R-1',
    source: 'qualtrics',
    customer: { id: 'cust-1' },
    kind: 'transactional',
    caseId: 'C-1',
    channel: 'chat',
    respondedAt: '2026-11-01T12:00:00Z',
    csat: 4,
    nps: 9,
    servqual: { reliability: { expectation: 6, perception: 5 } },
  };

  it('uses only keywords the sample check understands', () => {
    const used = new Set<string>();
    for (const name of Object.keys(schemas)) keywordsIn(standaloneJsonSchema(name, schemas), used);
    expect([...used].filter((keyword) => !KNOWN_KEYWORDS.has(keyword))).toEqual([]);
  });

  it.each([
    ['SupportCase', SupportCase, validCase],
    ['ClassifiedCase', ClassifiedCase, validClassified],
    ['SurveyResponse', SurveyResponse, validSurvey],
  ] as const)('accepts a valid %s', (name, cls, sample) => {
    expect(validateContract(cls as new () => object, sample).valid).toBe(true);
    expect(violations(standaloneJsonSchema(name, schemas), sample)).toEqual([]);
  });

  it.each([
    ['an unknown channel', { ...validCase, channel: 'pigeon' }, '/channel'],
    ['a missing customer id', { ...validCase, customer: { email: 'ana@example.com' } }, '/customer'],
    ['an empty case id', { ...validCase, caseId: '' }, '/caseId'],
    ['a negative hold time', { ...validCase, holdSeconds: -1 }, '/holdSeconds'],
    ['a fractional reopen count', { ...validCase, reopenCount: 1.5 }, '/reopenCount'],
    ['a missing description', { ...validCase, description: undefined }, ''],
  ])('refuses a case with %s, as class-validator does', (_, sample, path) => {
    expect(validateContract(SupportCase, sample).valid).toBe(false);
    expect(violations(standaloneJsonSchema('SupportCase', schemas), sample)).toContainEqual(
      expect.stringMatching(new RegExp(`^${path}:`)),
    );
  });

  it('refuses a classification candidate out of range, as class-validator does', () => {
    const sample = {
      ...validClassified,
      classification: { ...validClassified.classification, candidates: [{ issueCode: 'x', confidence: 2 }] },
    };
    expect(validateContract(ClassifiedCase, sample).valid).toBe(false);
    expect(violations(standaloneJsonSchema('ClassifiedCase', schemas), sample)).toEqual([
      '/classification/candidates/0/confidence: above 1',
    ]);
  });
});

describe('buildAsyncApiDocument', () => {
  const channels = asyncApi.channels as Record<string, JsonSchema>;
  const operations = asyncApi.operations as Record<string, JsonSchema>;

  it('is AsyncAPI 3.0 with the local Kafka server', () => {
    expect(asyncApi.asyncapi).toBe('3.0.0');
    expect(asyncApi.info).toMatchObject({ title: 'SupportLens', version: expect.any(String) });
    expect(asyncApi.servers).toEqual({
      local: expect.objectContaining({ host: '127.0.0.1:9092', protocol: 'kafka' }),
    });
    expect((asyncApi.components as JsonSchema).schemas).toEqual(schemas);
  });

  it('has a channel for every topic, carrying its contract', () => {
    for (const contract of Object.values(EventContracts)) {
      const channel = channels[contract.topic];
      expect(channel).toBeDefined();
      expect(channel.address).toBe(contract.topic);
      const messages = Object.values(channel.messages as object).map((ref) => deref(ref) as JsonSchema);
      expect(messages).toHaveLength(1);
      const [message] = messages;
      expect(message.payload).toEqual({ $ref: `#/components/schemas/${contract.dataClass.name}` });
      const headers = message.headers as { properties: Record<string, JsonSchema>; required?: string[] };
      expect(Object.keys(headers.properties).sort()).toEqual(
        [
          'ce_dataschema',
          'ce_id',
          'ce_source',
          'ce_specversion',
          'ce_subject',
          'ce_time',
          'ce_type',
          'content-type',
        ].sort(),
      );
      const raw = contract.topic === Topics.TicketsRaw || contract.topic === Topics.SurveysRaw;
      if (raw) {
        expect(headers.required).toBeUndefined();
      } else {
        expect(headers.required).toHaveLength(8);
        expect(headers.properties.ce_type.const).toBe(contract.type);
        expect(headers.properties.ce_dataschema.const).toBe(contract.dataschema);
      }
      expect(message.bindings).toMatchObject({ kafka: { key: { type: 'string' } } });
    }
    expect(Object.keys(channels)).toEqual(expect.arrayContaining(Object.values(Topics)));
  });

  it("resolves every channel's message payload in components.schemas", () => {
    for (const channel of Object.values(channels)) {
      for (const ref of Object.values(channel.messages as object)) {
        const payload = (deref(ref) as JsonSchema).payload as JsonSchema;
        if (payload.$ref === undefined) continue; // a dead letter's payload is the original bytes
        expect(payload.$ref).toMatch(/^#\/components\/schemas\//);
        expect(deref(payload)).toBeDefined();
      }
    }
  });

  it('resolves every $ref in the document', () => {
    for (const ref of refsIn(asyncApi)) expect(resolvePointer(asyncApi, ref)).toBeDefined();
  });

  it('has a dead-letter channel for every consumed topic, with the dead-letter headers', () => {
    const consumed = Object.values(operations)
      .filter((operation) => operation.action === 'receive')
      .map((operation) => (deref(operation.channel) as JsonSchema).address as string);
    expect(consumed.length).toBeGreaterThan(0);
    for (const topic of consumed) {
      const channel = channels[deadLetterTopic(topic)];
      expect(channel?.address).toBe(`${topic}.dlq`);
      const [message] = Object.values(channel.messages as object).map((ref) => deref(ref) as JsonSchema);
      expect((message.headers as JsonSchema).required).toEqual([
        'dlq_original_topic',
        'dlq_original_partition',
        'dlq_original_offset',
        'dlq_consumer_group',
        'dlq_error_class',
        'dlq_error_message',
        'dlq_failed_at',
      ]);
    }
  });

  it('says which service sends and receives what', () => {
    const summary = Object.values(operations)
      .map((operation) => {
        const service = (operation.tags as { name: string }[])[0].name;
        const address = (deref(operation.channel) as JsonSchema).address as string;
        return `${service} ${operation.action as string} ${address}`;
      })
      .filter((line) => !line.endsWith('.dlq'))
      .sort();
    expect(summary).toEqual(
      [
        `ingest receive ${Topics.TicketsRaw}`,
        `ingest receive ${Topics.SurveysRaw}`,
        `ingest send ${Topics.Cases}`,
        `ingest send ${Topics.Surveys}`,
        `ingest send ${Topics.CustomerErasures}`,
        `classifier receive ${Topics.Cases}`,
        `classifier receive ${Topics.CustomerErasures}`,
        `classifier send ${Topics.CasesClassified}`,
        `survey-scoring receive ${Topics.Surveys}`,
        `survey-scoring send ${Topics.SurveysScored}`,
        `insights receive ${Topics.CasesClassified}`,
        `insights receive ${Topics.SurveysScored}`,
        `insights receive ${Topics.CustomerErasures}`,
        `insights send ${Topics.ContentTopicInsights}`,
        `insights send ${Topics.PersonaSignalInsights}`,
        `insights send ${Topics.CaseStudyCandidateInsights}`,
        `insights send ${Topics.ChurnRiskInsights}`,
      ].sort(),
    );
    for (const operation of Object.values(operations)) {
      for (const ref of operation.messages as JsonSchema[]) {
        expect(ref.$ref).toMatch(/^#\/channels\/[^/]+\/messages\/\w+$/);
        expect(deref(ref)).toBeDefined();
      }
    }
  });

  function deref(ref: unknown): unknown {
    return resolvePointer(asyncApi, (ref as JsonSchema).$ref as string);
  }
});

function expectUpToDate(file: string, readCommitted: () => unknown, generated: unknown): void {
  try {
    expect(readCommitted()).toStrictEqual(JSON.parse(JSON.stringify(generated)));
  } catch (error) {
    throw new Error(
      `${file} does not match the contract classes: ${REGENERATE}.\n\n${(error as Error).message}`,
    );
  }
}

function resolvePointer(document: unknown, ref: string): unknown {
  if (!ref.startsWith('#')) throw new Error(`not a local reference: ${ref}`);
  const segments = ref === '#' ? [] : ref.slice(2).split('/');
  return segments
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], document);
}

function refsIn(value: unknown, refs: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((item) => refsIn(item, refs));
  else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string') refs.push(child);
      else refsIn(child, refs);
    }
  }
  return refs;
}

/** Annotations are ignored; the rest are checked by `violations`. */
const ANNOTATIONS = ['$schema', '$defs', 'title', 'description', 'format'];
const KNOWN_KEYWORDS = new Set([
  ...ANNOTATIONS,
  '$ref',
  'type',
  'enum',
  'properties',
  'required',
  'items',
  'minimum',
  'maximum',
  'minLength',
  'maxLength',
  'pattern',
  'maxItems',
]);

function keywordsIn(schema: JsonSchema, used: Set<string>): void {
  for (const [keyword, value] of Object.entries(schema)) {
    used.add(keyword);
    if (keyword === 'properties' || keyword === '$defs') {
      Object.values(value as Record<string, JsonSchema>).forEach((child) => keywordsIn(child, used));
    } else if (keyword === 'items') {
      keywordsIn(value as JsonSchema, used);
    }
  }
}

/** What is wrong with `value` under `schema`, as `<JSON pointer>: <reason>` (empty when it conforms). */
function violations(schema: JsonSchema, value: unknown, root = schema, path = ''): string[] {
  if (typeof schema.$ref === 'string') {
    return violations(resolvePointer(root, schema.$ref) as JsonSchema, value, root, path);
  }
  const found: string[] = [];
  const fail = (reason: string) => found.push(`${path}: ${reason}`);
  if (schema.type !== undefined && !hasType(value, schema.type as string)) {
    fail(`not ${schema.type as string}`);
    return found;
  }
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) fail('not one of the allowed values');
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) fail(`below ${schema.minimum}`);
    if (typeof schema.maximum === 'number' && value > schema.maximum) fail(`above ${schema.maximum}`);
  }
  if (typeof value === 'string') {
    const length = [...value].length;
    if (typeof schema.minLength === 'number' && length < schema.minLength) fail('too short');
    if (typeof schema.maxLength === 'number' && length > schema.maxLength) fail('too long');
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value))
      fail('does not match');
  }
  if (Array.isArray(value) && typeof schema.maxItems === 'number' && value.length > schema.maxItems) {
    fail(`more than ${schema.maxItems} items`);
  }
  if (Array.isArray(value) && schema.items) {
    value.forEach((item, index) =>
      found.push(...violations(schema.items as JsonSchema, item, root, `${path}/${index}`)),
    );
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const object = value as Record<string, unknown>;
    for (const name of (schema.required as string[] | undefined) ?? []) {
      if (object[name] === undefined) fail(`missing ${name}`);
    }
    for (const [name, child] of Object.entries((schema.properties as Record<string, JsonSchema>) ?? {})) {
      if (object[name] !== undefined) found.push(...violations(child, object[name], root, `${path}/${name}`));
    }
  }
  return found;
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case 'object':
      return value !== null && typeof value === 'object' && !Array.isArray(value);
    case 'array':
      return Array.isArray(value);
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    default:
      return typeof value === type;
  }
}
