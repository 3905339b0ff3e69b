import { canonicalTimestamp, normaliseRecord } from './normalise-record';

describe('normaliseRecord', () => {
  it('folds enum spellings, trims text and lower-cases the email', () => {
    const normalised = normaliseRecord(
      {
        caseId: '  ZD-1 ',
        channel: 'Self-Service',
        status: ' SOLVED ',
        customer: { id: 'c1', email: ' Ana@Example.COM ' },
        subject: ' Hi ',
      },
      ['channel', 'status'],
    );
    expect(normalised).toEqual({
      caseId: 'ZD-1',
      channel: 'self_service',
      status: 'solved',
      customer: { id: 'c1', email: 'ana@example.com' },
      subject: 'Hi',
    });
  });

  it('drops empty optional strings but keeps an empty subject or description', () => {
    expect(normaliseRecord({ issueCode: '  ', agentId: '', subject: '', description: ' ' }, [])).toEqual({
      subject: '',
      description: '',
    });
  });

  it('leaves non-objects for the validator to refuse', () => {
    expect(normaliseRecord('nope', [])).toBe('nope');
    expect(normaliseRecord(null, [])).toBeNull();
    expect(normaliseRecord([1], [])).toEqual([1]);
  });

  it('never invents a value for an enum it cannot read', () => {
    expect(normaliseRecord({ channel: 42 }, ['channel'])).toEqual({ channel: 42 });
  });
});

describe('canonicalTimestamp', () => {
  it('writes the same instant the same way whatever offset it came with', () => {
    expect(canonicalTimestamp('2026-11-02T10:00:00+01:00')).toBe('2026-11-02T09:00:00.000Z');
    expect(canonicalTimestamp('2026-11-02T09:00:00Z')).toBe('2026-11-02T09:00:00.000Z');
  });
});
