import { EventPublisher, OutboundEvent, PublishTimeoutError } from '@supportlens/messaging';
import { KafkaJSNonRetriableError, KafkaJSProtocolError } from 'kafkajs';
import { KafkaUnavailableError, publishWithin } from './publish-within';

const anEvent = { topic: 't', key: 'k', data: {} } as unknown as OutboundEvent;
const failingWith = (error: Error) =>
  ({ publish: async () => Promise.reject(error) }) as unknown as EventPublisher;

describe('publishWithin', () => {
  it('reports a broker that is away or slow as KafkaUnavailableError (transient)', async () => {
    const away = failingWith(new Error('Connection timeout'));
    await expect(publishWithin(away, [anEvent], 1_000)).rejects.toBeInstanceOf(KafkaUnavailableError);
    const slow = failingWith(new PublishTimeoutError('Kafka did not acknowledge within 20 ms'));
    const error = await publishWithin(slow, [anEvent], 20).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KafkaUnavailableError);
    expect((error as Error).message).toBe('Kafka did not acknowledge within 20 ms');
  });

  it('hands the deadline to the publisher, which abandons the send and retires its producer', async () => {
    const publish = jest.fn(async () => undefined);
    await publishWithin({ publish } as unknown as EventPublisher, [anEvent], 1_234);
    expect(publish).toHaveBeenCalledWith([anEvent], { timeoutMs: 1_234 });
  });

  it('throws a refusal no retry changes as it is, so the record is dead-lettered rather than retried', async () => {
    // kafkajs builds the protocol error from the broker's error code entry and its retrier wraps it,
    // keeping it as the cause (see its protocol/error.js and retry/index.js).
    const refusal = new KafkaJSProtocolError(
      Object.assign(new Error('The request included a message larger than the max message size'), {
        type: 'MESSAGE_TOO_LARGE',
        code: 10,
        retriable: false,
      }),
    );
    const tooLarge = new (
      KafkaJSNonRetriableError as unknown as new (e: Error, options: { cause: Error }) => Error
    )(refusal, { cause: refusal });
    const error = await publishWithin(failingWith(tooLarge), [anEvent], 1_000).catch((e: unknown) => e);
    expect(error).toBe(tooLarge);
    expect(error).not.toBeInstanceOf(KafkaUnavailableError);
  });
});
