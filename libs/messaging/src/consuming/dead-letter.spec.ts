import { buildAsyncApiDocument } from '@supportlens/contracts';
import { deadLetterFor, DeadLetterHeaders } from './dead-letter';

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
