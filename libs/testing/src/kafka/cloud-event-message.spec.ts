import { EventContracts, fromKafkaHeaders } from '@supportlens/contracts';
import { cloudEventMessage } from './cloud-event-message';

describe('cloudEventMessage', () => {
  it('carries the contract and the options as CloudEvents headers, keyed by the subject', () => {
    const data = { caseId: 'case-1' };
    const message = cloudEventMessage(EventContracts.Case, data, {
      subject: 'cust-1',
      id: 'evt-1',
      source: '/it',
      time: '2026-11-02T09:30:00.000Z',
    });

    expect(message.key).toBe('cust-1');
    expect(message.id).toBe('evt-1');
    expect(JSON.parse(message.value)).toEqual(data);
    expect(fromKafkaHeaders(message.headers)).toEqual({
      specversion: '1.0',
      id: 'evt-1',
      source: '/it',
      type: EventContracts.Case.type,
      time: '2026-11-02T09:30:00.000Z',
      subject: 'cust-1',
      dataschema: EventContracts.Case.dataschema,
      datacontenttype: 'application/json',
    });
  });

  it('defaults the id, the source and the time', () => {
    const message = cloudEventMessage(EventContracts.ScoredSurvey, {}, { subject: 'cust-2' });
    const attributes = fromKafkaHeaders(message.headers);

    expect(attributes.id).toBe(message.id);
    expect(message.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(attributes.source).toBe('/test');
    expect(new Date(attributes.time!).toISOString()).toBe(attributes.time);
    expect(cloudEventMessage(EventContracts.Case, {}, { subject: 'cust-2' }).id).not.toBe(message.id);
  });
});
