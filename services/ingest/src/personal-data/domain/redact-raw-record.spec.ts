import { redactRawRecord, RedactionRefused } from './redact-raw-record';

const redact = (text: string) => redactRawRecord(Buffer.from(text, 'utf8')).toString('utf8');

describe('redactRawRecord', () => {
  it('removes the customer’s name and e-mail and masks contact details in every string', () => {
    const value = {
      caseId: 'ZD-1',
      customer: { id: 'c1', name: 'Ana Lima', email: 'ana@example.com', segment: { plan: 'pro' } },
      status: 'exploded',
      description: 'Reach me at ana@example.com or +44 20 7946 0958',
      notes: [{ text: 'cc bob@example.org' }],
    };
    expect(JSON.parse(redact(JSON.stringify(value)))).toEqual({
      caseId: 'ZD-1',
      customer: { id: 'c1', segment: { plan: 'pro' } },
      status: 'exploded',
      description: 'Reach me at [email] or [phone]',
      notes: [{ text: 'cc [email]' }],
    });
  });

  it('redacts every record of an array, a customer given as an array, and keys', () => {
    const value = [
      { customer: { id: 'a', name: 'A' } },
      { customer: [{ id: 'b', email: 'b@example.com' }, 'c@example.com'] },
      { 'ana@example.com': true },
    ];
    expect(JSON.parse(redact(JSON.stringify(value)))).toEqual([
      { customer: { id: 'a' } },
      { customer: [{ id: 'b' }, '[email]'] },
      { '[email]': true },
    ]);
  });

  it('keeps the original bytes when there is nothing to redact', () => {
    const original = Buffer.from('{ "caseId": "ZD-1",   "customer": { "id": "c1" }, "status": "exploded" }');
    expect(redactRawRecord(original)).toBe(original);
    const notJson = Buffer.from('{"caseId": "broken');
    expect(redactRawRecord(notJson)).toBe(notJson);
  });

  it('masks e-mails in text that is not JSON and blanks name and e-mail members of broken JSON', () => {
    expect(redact('hello ana@example.com')).toBe('hello [email]');
    expect(redact('{"customer": {"id": "c1", "name": "Ana \\"A\\" Lima", "email": "ana@exam')).toBe(
      '{"customer": {"id": "c1", "name": "[redacted]", "email": "[redacted]"',
    );
  });

  it('keeps a __proto__ key as data', () => {
    expect(redact('{"__proto__": {"x": "ana@example.com"}}')).toBe('{"__proto__":{"x":"[email]"}}');
  });

  it('refuses nesting deeper than any record instead of recursing into it', () => {
    const deep = '['.repeat(10_000) + ']'.repeat(10_000);
    expect(() => redactRawRecord(Buffer.from(deep))).toThrow(RedactionRefused);
  });
});
