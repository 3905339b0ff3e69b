import { EventContracts, SupportCase } from '@supportlens/contracts';
import { decodeMessage, DecodeRules } from './decode-message';
import { contractParser } from './message-parser';

const aCase = {
  caseId: 'C-1',
  source: 'zendesk',
  customer: { id: 'cust-1' },
  channel: 'email',
  status: 'open',
  subject: 'Where is my order',
  description: 'It has been two weeks',
  openedAt: '2026-11-01T09:00:00Z',
};

const ceHeaders = {
  ce_id: Buffer.from('e-1'),
  ce_type: Buffer.from(EventContracts.Case.type),
  ce_source: Buffer.from('/supportlens/ingest'),
  ce_subject: Buffer.from('cust-1'),
};

function message(value: string | null, headers: Record<string, Buffer> = ceHeaders) {
  return {
    topic: 'support.cases.v1',
    partition: 2,
    offset: '41',
    key: Buffer.from('cust-1'),
    value: value === null ? null : Buffer.from(value),
    headers,
    timestamp: '1700000000000',
  };
}

const rules: DecodeRules<SupportCase> = {
  parse: contractParser(EventContracts.Case),
  requireCloudEvent: true,
  expectedType: EventContracts.Case.type,
  maxValueBytes: 2048,
};

describe('decodeMessage', () => {
  it('decodes a valid CloudEvent into the contract, without what the contract does not name', () => {
    const decoded = decodeMessage(message(JSON.stringify({ ...aCase, notInContract: 1 })), rules);
    expect(decoded.ok).toBe(true);
    if (decoded.ok) {
      expect(decoded.event).toMatchObject({
        topic: 'support.cases.v1',
        partition: 2,
        offset: '41',
        key: 'cust-1',
      });
      expect(decoded.event.data).toEqual(aCase);
      expect(decoded.event.attributes.id).toBe('e-1');
    }
  });

  it.each([
    ['an empty value', message(null), 'EmptyMessage'],
    ['broken JSON', message('{"caseId":'), 'MalformedJson'],
    [
      'an oversized value',
      message(JSON.stringify({ ...aCase, description: 'x'.repeat(3000) })),
      'MessageTooLarge',
    ],
    ['missing CloudEvents headers', message(JSON.stringify(aCase), {}), 'MissingCloudEventAttributes'],
    [
      'another event type',
      message(JSON.stringify(aCase), { ...ceHeaders, ce_type: Buffer.from('x.y') }),
      'UnexpectedEventType',
    ],
    ['a contract violation', message(JSON.stringify({ ...aCase, channel: 'fax' })), 'ContractViolation'],
  ])('rejects %s with its error class', (_what, input, errorClass) => {
    const decoded = decodeMessage(input, rules);
    expect(decoded.ok).toBe(false);
    if (!decoded.ok) expect(decoded.rejection.errorClass).toBe(errorClass);
  });

  it('never quotes the value in the reason of broken JSON (it may hold personal data)', () => {
    for (const value of [
      '{"customer": {"email": ana.lima@example.com}}',
      'ana.lima@example.com',
      '{"caseId": "x", "note": "Ana Lima"} trailing',
    ]) {
      const decoded = decodeMessage(message(value), rules);
      expect(decoded.ok).toBe(false);
      if (!decoded.ok) {
        expect(decoded.rejection.errorClass).toBe('MalformedJson');
        expect(decoded.rejection.reason).toMatch(/^value is not JSON: \S/);
        expect(decoded.rejection.reason).not.toMatch(/ana|lima|"/i);
      }
    }
  });

  it('names the bad field in a contract violation', () => {
    const decoded = decodeMessage(message(JSON.stringify({ ...aCase, customer: {} })), rules);
    expect(decoded.ok).toBe(false);
    if (!decoded.ok) expect(decoded.rejection.reason).toContain('customer.id');
  });

  it('accepts a plain message where CloudEvents headers are optional', () => {
    const decoded = decodeMessage(message(JSON.stringify(aCase), {}), { ...rules, requireCloudEvent: false });
    expect(decoded.ok).toBe(true);
  });

  it('dead-letters, rather than throws on, input that makes the parser throw', () => {
    const throwing: DecodeRules<SupportCase> = {
      ...rules,
      parse: () => {
        throw new RangeError('Maximum call stack size exceeded');
      },
    };
    const decoded = decodeMessage(message(JSON.stringify(aCase)), throwing);
    expect(decoded).toEqual({
      ok: false,
      rejection: { errorClass: 'UnparseableMessage', reason: 'RangeError: Maximum call stack size exceeded' },
    });
  });

  it('refuses a ce_time that is not a date-time, since it is stored downstream', () => {
    const decoded = decodeMessage(
      message(JSON.stringify(aCase), { ...ceHeaders, ce_time: Buffer.from('soon') }),
      rules,
    );
    expect(decoded.ok).toBe(false);
    if (!decoded.ok) expect(decoded.rejection.errorClass).toBe('InvalidCloudEventAttributes');
  });
});
