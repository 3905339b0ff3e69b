import { Kafka, Producer } from 'kafkajs';

/**
 * A plain producer, as another team's system (or kcat) would publish: raw bytes, a key, no
 * CloudEvents headers unless the test adds them.
 */
export class RawProducer {
  private constructor(private readonly producer: Producer) {}

  static async connect(brokers: string): Promise<RawProducer> {
    const kafka = new Kafka({ clientId: 'test-raw-producer', brokers: brokers.split(','), logLevel: 1 });
    const producer = kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    return new RawProducer(producer);
  }

  async send(
    topic: string,
    messages: Array<{ key: string; value: string; headers?: Record<string, string>; partition?: number }>,
  ): Promise<void> {
    await this.producer.send({ topic, acks: -1, messages });
  }

  async disconnect(): Promise<void> {
    await this.producer.disconnect();
  }
}
