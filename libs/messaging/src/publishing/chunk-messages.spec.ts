import { chunkTopicMessages, estimatedSize } from './chunk-messages';

const message = (bytes: number, key = 'k') => ({ key, value: 'x'.repeat(bytes) });

describe('chunkTopicMessages', () => {
  it('keeps a small produce in one request', () => {
    const chunks = chunkTopicMessages([{ topic: 'a', messages: [message(10), message(10)] }], 1000);
    expect(chunks).toEqual([[{ topic: 'a', messages: [message(10), message(10)] }]]);
  });

  it('cuts a large produce into requests under the limit, in order, across topics', () => {
    const a = [message(300, 'a1'), message(300, 'a2'), message(300, 'a3')];
    const b = [message(300, 'b1')];
    const chunks = chunkTopicMessages(
      [
        { topic: 'a', messages: a },
        { topic: 'b', messages: b },
      ],
      800,
    );
    expect(
      chunks.map((chunk) => chunk.map((t) => `${t.topic}:${t.messages.map((m) => m.key).join(',')}`)),
    ).toEqual([['a:a1,a2'], ['a:a3', 'b:b1']]);
    for (const chunk of chunks) {
      const bytes = chunk.flatMap((t) => t.messages).reduce((sum, m) => sum + estimatedSize(m), 0);
      expect(bytes).toBeLessThanOrEqual(800);
    }
  });

  it('sends a message larger than the limit on its own', () => {
    const chunks = chunkTopicMessages(
      [{ topic: 'a', messages: [message(10, 's'), message(5000, 'big'), message(10, 't')] }],
      1000,
    );
    expect(chunks.map((chunk) => chunk[0].messages.map((m) => m.key))).toEqual([['s'], ['big'], ['t']]);
  });

  it('counts keys, values and headers', () => {
    expect(estimatedSize({ key: 'ab', value: Buffer.from('cde'), headers: { h: 'xy' } })).toBe(
      64 + 2 + 3 + 1 + 2,
    );
  });
});
