import { CloudEventAttributes, EventContract, toKafkaHeaders } from '@supportlens/contracts';
import { Message } from 'kafkajs';

/** An event ready to publish: CloudEvents attributes, the JSON data, and the topic and key. */
export interface OutboundEvent<T = unknown> {
  topic: string;
  /** The customer id: one customer's events stay in order on one partition. */
  key: string;
  attributes: CloudEventAttributes;
  data: T;
}

export interface OutboundEventSpec<T extends object> {
  contract: EventContract<T>;
  id: string;
  source: string;
  /** The customer id; becomes the CloudEvents subject and the Kafka key. */
  subject: string;
  time: string;
  data: T;
}

export function outboundEvent<T extends object>(spec: OutboundEventSpec<T>): OutboundEvent<T> {
  return {
    topic: spec.contract.topic,
    key: spec.subject,
    attributes: {
      specversion: '1.0',
      id: spec.id,
      source: spec.source,
      type: spec.contract.type,
      time: spec.time,
      subject: spec.subject,
      dataschema: spec.contract.dataschema,
      datacontenttype: 'application/json',
    },
    data: spec.data,
  };
}

/** CloudEvents Kafka binding, binary mode: attributes in `ce_*` headers, data as the JSON value. */
export function toKafkaMessage(event: OutboundEvent): Message {
  return {
    key: event.key,
    value: JSON.stringify(event.data),
    headers: toKafkaHeaders(event.attributes),
  };
}
