import { CloudEventAttributes, toKafkaHeaders } from '@supportlens/contracts';
import { CompressionTypes, Kafka, logLevel, Message, Producer } from 'kafkajs';
import { LoadEvent } from './synthetic-load';

/** An event serialised once, ahead of the measurement; only its `time` is stamped when it is sent. */
export interface PreparedEvent {
  topic: string;
  key: string;
  id: string;
  value: string;
  /** CloudEvents attributes (binary mode headers); none for a raw topic's plain JSON. */
  attributes?: Omit<CloudEventAttributes, 'time'>;
}

/** The sources the real producers of these topics use. */
const SOURCES: Record<string, string> = {
  'support.cases.classified.v1': '/supportlens/classifier',
  'support.surveys.scored.v1': '/supportlens/survey-scoring',
};

export function prepare(event: LoadEvent): PreparedEvent {
  return {
    topic: event.contract.topic,
    key: event.key,
    id: event.id,
    value: JSON.stringify(event.data),
    attributes: {
      specversion: '1.0',
      id: event.id,
      source: SOURCES[event.contract.topic] ?? '/supportlens/bench',
      type: event.contract.type,
      subject: event.key,
      dataschema: event.contract.dataschema,
      datacontenttype: 'application/json',
    },
  };
}

/** Most messages per produce request: well under the broker's 1 MiB per partition batch. */
const CHUNK = 1_500;

/**
 * Publishes prepared events as the classifier and survey-scoring do: CloudEvents binary mode, keyed by
 * customer, acks from all in-sync replicas, no compression. Each event's CloudEvents `time` is the
 * moment its request is built (the publish time), which the latency phase measures from. Raw records
 * (no attributes) go as plain JSON, as help desks send them.
 */
export class LoadPublisher {
  private constructor(private readonly producer: Producer) {}

  static async connect(brokers: string): Promise<LoadPublisher> {
    const kafka = new Kafka({
      clientId: 'bench-insights-load',
      brokers: brokers.split(','),
      logLevel: logLevel.WARN,
    });
    const producer = kafka.producer({
      allowAutoTopicCreation: false,
      idempotent: true,
      maxInFlightRequests: 1,
    });
    await producer.connect();
    return new LoadPublisher(producer);
  }

  /** Sends the events in order (per key order holds); returns the publish time stamped on each chunk. */
  async publish(
    events: readonly PreparedEvent[],
    onStamped?: (event: PreparedEvent, at: number) => void,
  ): Promise<void> {
    for (let start = 0; start < events.length; start += CHUNK) {
      const chunk = events.slice(start, start + CHUNK);
      const at = Date.now();
      const time = new Date(at).toISOString();
      const byTopic = new Map<string, Message[]>();
      for (const event of chunk) {
        const messages = byTopic.get(event.topic) ?? [];
        messages.push({
          key: event.key,
          value: event.value,
          headers: event.attributes ? toKafkaHeaders({ ...event.attributes, time }) : undefined,
        });
        byTopic.set(event.topic, messages);
        onStamped?.(event, at);
      }
      await this.producer.sendBatch({
        topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
        acks: -1,
        compression: CompressionTypes.None,
      });
    }
  }

  async close(): Promise<void> {
    await this.producer.disconnect();
  }
}
