import { KafkaMessage } from 'kafkajs';
import { originOf } from './upsert-batch';

const message = (offset: string, headers?: KafkaMessage['headers']) => ({ offset, headers }) as KafkaMessage;

describe('originOf', () => {
  it('is where a record first entered the log: its own place when it carries no origin', () => {
    expect(originOf({ topic: 'bench.topology.cases.raw', partition: 3 }, message('41'))).toBe(
      'bench.topology.cases.raw/3/41',
    );
  });

  it('is the origin header a forwarding hop set, whatever offset the record has now', () => {
    const forwarded = message('7', { origin: Buffer.from('bench.topology.cases.raw/3/41') });
    expect(originOf({ topic: 'bench.topology.cases.out', partition: 0 }, forwarded)).toBe(
      'bench.topology.cases.raw/3/41',
    );
  });
});
