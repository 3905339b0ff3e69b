import { Message, TopicMessages } from 'kafkajs';

/**
 * Kafka refuses a produce request whose record batch for one partition exceeds the broker's
 * message.max.bytes (1 MiB by default), and kafkajs does not split. A consumer fetches up to that much
 * per partition and its output is larger than its input, so a busy partition could produce a request
 * the broker refuses for ever. Requests are therefore cut to a size well below the limit.
 */
export const MAX_REQUEST_BYTES = 512 * 1024;

/** Per-record framing on top of key, value and headers, generously rounded up. */
const RECORD_OVERHEAD_BYTES = 64;

export function estimatedSize(message: Message): number {
  let size = RECORD_OVERHEAD_BYTES + byteLength(message.key) + byteLength(message.value);
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    const values = Array.isArray(value) ? value : [value];
    for (const one of values)
      size += Buffer.byteLength(name) + byteLength(one as string | Buffer | undefined);
  }
  return size;
}

/**
 * Cuts a produce into requests of at most `maxBytes` each, keeping every message's order (requests are
 * sent one after the other, so per-partition order holds). A single message larger than `maxBytes`
 * travels alone. Pure.
 */
export function chunkTopicMessages(
  topicMessages: TopicMessages[],
  maxBytes = MAX_REQUEST_BYTES,
): TopicMessages[][] {
  const chunks: TopicMessages[][] = [];
  let current: TopicMessages[] = [];
  let currentBytes = 0;
  for (const { topic, messages } of topicMessages) {
    for (const message of messages) {
      const size = estimatedSize(message);
      if (currentBytes > 0 && currentBytes + size > maxBytes) {
        chunks.push(current);
        current = [];
        currentBytes = 0;
      }
      const last = current[current.length - 1];
      if (last?.topic === topic) last.messages.push(message);
      else current.push({ topic, messages: [message] });
      currentBytes += size;
    }
  }
  if (currentBytes > 0) chunks.push(current);
  return chunks;
}

function byteLength(value: string | Buffer | null | undefined): number {
  if (value === null || value === undefined) return 0;
  return typeof value === 'string' ? Buffer.byteLength(value) : value.length;
}
