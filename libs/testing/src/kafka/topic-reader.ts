import { randomUUID } from 'node:crypto';
import { IHeaders, Kafka } from 'kafkajs';

export interface ReadMessage {
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
}

/**
 * Collects every message of a topic from the beginning with a throwaway consumer group, so a test
 * can look at what really landed on the broker (a DLQ, an output topic).
 */
export class TopicReader {
  private readonly messages: ReadMessage[] = [];
  private readonly consumer;

  private constructor(
    kafka: Kafka,
    private readonly topic: string,
  ) {
    this.consumer = kafka.consumer({ groupId: `test-reader-${randomUUID()}`, maxWaitTimeInMs: 100 });
  }

  static async start(brokers: string, topic: string): Promise<TopicReader> {
    const kafka = new Kafka({ clientId: 'test-reader', brokers: brokers.split(','), logLevel: 1 });
    const reader = new TopicReader(kafka, topic);
    await reader.consumer.connect();
    await reader.consumer.subscribe({ topics: [topic], fromBeginning: true });
    await reader.consumer.run({
      eachMessage: async ({ partition, message }) => {
        reader.messages.push({
          partition,
          offset: message.offset,
          key: message.key?.toString() ?? null,
          value: message.value?.toString() ?? null,
          headers: headersToStrings(message.headers),
        });
      },
    });
    return reader;
  }

  /** Messages seen so far that match. */
  find(match: (message: ReadMessage) => boolean): ReadMessage[] {
    return this.messages.filter(match);
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
  }
}

function headersToStrings(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) out[name] = first.toString();
  }
  return out;
}
