import { buildAsyncApiDocument } from '@supportlens/contracts';
import { DEAD_LETTER_REDACTED_HEADER, deadLetterFor, DeadLetterHeaders } from './dead-letter';
import { RawMessage } from './inbound-event';

describe('deadLetterFor', () => {
  it('keeps the original key, value and headers and adds where from and why', () => {
    const letter = deadLetterFor(
      {
        topic: 'support.tickets.raw.v1',
        partition: 1,
        offset: '7',
        key: Buffer.from('cust-9'),
        value: Buffer.from('{bad'),
        headers: { trace: Buffer.from('abc') },
      },
      { errorClass: 'MalformedJson', reason: 'value is not JSON' },
      'supportlens.ingest.tickets',
      new Date('2026-11-23T10:00:00Z'),
    );
    expect(letter.topic).toBe('support.tickets.raw.v1.dlq');
    expect(letter.message.key).toEqual(Buffer.from('cust-9'));
    expect(letter.message.value).toEqual(Buffer.from('{bad'));
    expect(letter.message.headers).toEqual({
      trace: Buffer.from('abc'),
      [DeadLetterHeaders.originalTopic]: 'support.tickets.raw.v1',
      [DeadLetterHeaders.originalPartition]: '1',
      [DeadLetterHeaders.originalOffset]: '7',
      [DeadLetterHeaders.consumerGroup]: 'supportlens.ingest.tickets',
      [DeadLetterHeaders.errorClass]: 'MalformedJson',
      [DeadLetterHeaders.errorMessage]: 'value is not JSON',
      [DeadLetterHeaders.failedAt]: '2026-11-23T10:00:00.000Z',
    });
  });
});

describe('deadLetterFor with a redaction', () => {
  const raw = (value: string | null): RawMessage => ({
    topic: 'support.tickets.raw.v1',
    partition: 0,
    offset: '3',
    key: Buffer.from('cust-9'),
    value: value === null ? null : Buffer.from(value),
    headers: { trace: Buffer.from('abc') },
  });
  const rejection = { errorClass: 'ContractViolation', reason: 'status: must be one of …' };
  const redaction = {
    redactValue: (value: Buffer) => Buffer.from(value.toString().replace(/ana@example\.com/g, '[email]')),
    label: 'personal-data',
  };
  const letterOf = (message: RawMessage, withRedaction = redaction) =>
    deadLetterFor(message, rejection, 'group', new Date('2026-11-23T10:00:00Z'), withRedaction).message;

  it('writes the redacted value, keeps key and headers, and says it was redacted', () => {
    const letter = letterOf(raw('{"email":"ana@example.com"}'));
    expect(letter.value).toEqual(Buffer.from('{"email":"[email]"}'));
    expect(letter.key).toEqual(Buffer.from('cust-9'));
    expect(letter.headers).toMatchObject({
      trace: Buffer.from('abc'),
      [DeadLetterHeaders.errorClass]: 'ContractViolation',
      [DeadLetterHeaders.errorMessage]: rejection.reason,
      [DEAD_LETTER_REDACTED_HEADER]: 'personal-data',
    });
  });

  it('adds no header when the redaction changed nothing, and leaves an empty value alone', () => {
    const letter = letterOf(raw('{"n":1}'));
    expect(letter.value).toEqual(Buffer.from('{"n":1}'));
    expect(letter.headers).not.toHaveProperty(DEAD_LETTER_REDACTED_HEADER);
    expect(letterOf(raw(null)).value).toBeNull();
  });

  it('withholds the value when the redaction throws, and says so', () => {
    const letter = letterOf(raw('{"email":"ana@example.com"}'), {
      redactValue: () => {
        throw new Error('too deep');
      },
      label: 'personal-data',
    });
    expect(letter.value).toBeNull();
    expect(letter.headers![DEAD_LETTER_REDACTED_HEADER]).toBe('personal-data; value withheld');
  });
});

describe('DeadLetterHeaders', () => {
  it('are the headers the AsyncAPI document promises consumers of a DLQ', () => {
    const document = buildAsyncApiDocument() as {
      components: { messages: Record<string, { headers?: { required?: string[] } }> };
    };
    const documented = Object.values(document.components.messages)
      .map((message) => message.headers?.required ?? [])
      .find((required) => required.includes(DeadLetterHeaders.originalTopic));
    expect(documented).toBeDefined();
    expect([...documented!].sort()).toEqual(Object.values(DeadLetterHeaders).sort());
  });
});
