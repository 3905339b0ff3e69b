import { isFatalForProducer } from './producer-fatal-errors';

describe('isFatalForProducer', () => {
  it('finds the broker error however deeply kafkajs wrapped it', () => {
    const protocolError = Object.assign(new Error('out of order'), { type: 'OUT_OF_ORDER_SEQUENCE_NUMBER' });
    const retriesExceeded = Object.assign(new Error('retries exceeded'), { originalError: protocolError });
    expect(isFatalForProducer(retriesExceeded)).toBe(true);
    expect(
      isFatalForProducer(Object.assign(new Error('batch'), { errors: [new Error('x'), protocolError] })),
    ).toBe(true);
  });

  it('leaves ordinary failures to the normal retry', () => {
    expect(isFatalForProducer(Object.assign(new Error('leader'), { type: 'LEADER_NOT_AVAILABLE' }))).toBe(
      false,
    );
    expect(isFatalForProducer(new Error('Connection error'))).toBe(false);
    expect(isFatalForProducer(undefined)).toBe(false);
  });

  it('survives an error that wraps itself', () => {
    const loop: Record<string, unknown> = { type: 'NOPE' };
    loop.cause = loop;
    expect(isFatalForProducer(loop)).toBe(false);
  });
});
