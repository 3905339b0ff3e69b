import { canonicalJson, derivedEventId, deterministicEventId } from './event-id';
import { fromKafkaHeaders, toKafkaHeaders } from './kafka-binary-mode';

describe('deterministicEventId', () => {
  it('is the same for the same record content whatever the key order', () => {
    expect(deterministicEventId('zendesk', 'C-1', { a: 1, b: { c: 2, d: 3 } })).toBe(
      deterministicEventId('zendesk', 'C-1', { b: { d: 3, c: 2 }, a: 1 }),
    );
  });

  it('changes when the content, the record or the source changes', () => {
    const base = deterministicEventId('zendesk', 'C-1', { status: 'open' });
    expect(deterministicEventId('zendesk', 'C-1', { status: 'solved' })).not.toBe(base);
    expect(deterministicEventId('zendesk', 'C-2', { status: 'open' })).not.toBe(base);
    expect(deterministicEventId('freshdesk', 'C-1', { status: 'open' })).not.toBe(base);
  });

  it('is a UUID', () => {
    expect(deterministicEventId('s', 'r', {})).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('derives stable ids for downstream stages', () => {
    expect(derivedEventId('classified', 'x')).toBe(derivedEventId('classified', 'x'));
    expect(derivedEventId('classified', 'x')).not.toBe(derivedEventId('scored', 'x'));
  });

  it('ignores undefined properties in canonical JSON', () => {
    expect(canonicalJson({ a: 1, b: undefined })).toBe('{"a":1}');
  });
});

describe('CloudEvents Kafka binary mode', () => {
  it('round-trips attributes through ce_ headers', () => {
    const attributes = {
      specversion: '1.0' as const,
      id: 'id-1',
      source: '/supportlens/ingest',
      type: 'dev.supportlens.support.case.v1',
      time: '2026-11-01T00:00:00.000Z',
      subject: 'cust-1',
      dataschema: 'supportlens:support.case:v1',
      datacontenttype: 'application/json' as const,
    };
    const headers = toKafkaHeaders(attributes);
    expect(headers.ce_id).toBe('id-1');
    expect(headers['content-type']).toBe('application/json');
    const buffers = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, Buffer.from(v)]));
    expect(fromKafkaHeaders(buffers)).toEqual(attributes);
  });

  it('reads nothing from a plain message', () => {
    expect(fromKafkaHeaders(undefined)).toEqual({});
    expect(fromKafkaHeaders({ other: Buffer.from('x') })).toEqual({});
  });
});
