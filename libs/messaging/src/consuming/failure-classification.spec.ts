import {
  isMembershipLost,
  isTransientFailure,
  kafkaProtocolError,
  rejoinOnCommitFailure,
} from './failure-classification';

const protocolError = (type: string) =>
  Object.assign(new Error(type), { name: 'KafkaJSProtocolError', type });
const wrapped = (cause: Error) =>
  Object.assign(new Error('wrapped'), { name: 'KafkaJSNonRetriableError', cause });

describe('failure classification', () => {
  it('treats the database or the broker being away as transient', () => {
    expect(
      isTransientFailure(
        Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
      ),
    ).toBe(true);
    expect(isTransientFailure(Object.assign(new Error('terminating connection'), { code: '57P01' }))).toBe(
      true,
    );
    expect(
      isTransientFailure(Object.assign(new Error('Connection error'), { name: 'KafkaJSConnectionError' })),
    ).toBe(true);
    expect(isTransientFailure(wrapped(protocolError('LEADER_NOT_AVAILABLE')))).toBe(true);
    expect(
      isTransientFailure(Object.assign(new Error('Kafka did not acknowledge'), { transient: true })),
    ).toBe(true);
  });

  it('treats a bug or a refused value as permanent', () => {
    expect(isTransientFailure(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(
      false,
    );
    expect(isTransientFailure(Object.assign(new Error('invalid input syntax'), { code: '22P02' }))).toBe(
      false,
    );
    expect(isTransientFailure(wrapped(protocolError('MESSAGE_TOO_LARGE')))).toBe(false);
  });

  it('recognises lost group membership however kafkajs wrapped it', () => {
    expect(isMembershipLost(wrapped(protocolError('UNKNOWN_MEMBER_ID')))).toBe(true);
    expect(isMembershipLost(protocolError('REBALANCE_IN_PROGRESS'))).toBe(true);
    expect(isMembershipLost(protocolError('LEADER_NOT_AVAILABLE'))).toBe(false);
    expect(kafkaProtocolError(wrapped(protocolError('ILLEGAL_GENERATION')))?.type).toBe('ILLEGAL_GENERATION');
  });

  it('turns every failed commit into an answer that makes kafkajs find the coordinator and rejoin', () => {
    const lost = protocolError('ILLEGAL_GENERATION');
    expect(rejoinOnCommitFailure(wrapped(lost))).toBe(lost);
    const unreachable = rejoinOnCommitFailure(
      Object.assign(new Error('Connection error: connect ECONNREFUSED'), { name: 'KafkaJSConnectionError' }),
    );
    expect(unreachable).toMatchObject({ type: 'NOT_COORDINATOR_FOR_GROUP', retriable: true });
    expect(unreachable.message).toContain('ECONNREFUSED');
    expect(isTransientFailure(unreachable)).toBe(true);
  });
});
