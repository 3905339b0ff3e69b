import 'reflect-metadata'; // class-transformer's @Type reads design-time metadata

export * from './topics';
export * from './event-contracts';
export * from './cloudevents/cloud-event-attributes';
export * from './cloudevents/kafka-binary-mode';
export * from './cloudevents/event-id';
export * from './customers/customer';
export * from './cases/support-case';
export * from './surveys/survey-response';
export * from './classified-cases/case-classification';
export * from './classified-cases/classified-case';
export * from './scored-surveys/survey-scores';
export * from './scored-surveys/scored-survey';
export * from './validation/contract-violation';
export * from './validation/validate-contract';
export * from './validation/is-not-before';
export * from './schema/json-schemas';
export * from './schema/asyncapi';
export * from './validation/is-timestamp';
export * from './validation/storable-json';
export * from './surveys/servqual';
export * from './surveys/topic-ratings';
export * from './scored-surveys/servqual-score';
export * from './validation/sums-to';
export * from './validation/answers-something';
export * from './insights/churn-risk-insight';
