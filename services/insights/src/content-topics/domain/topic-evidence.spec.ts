import { pickExamples, topChannels, topSegments } from './topic-evidence';

describe('topSegments', () => {
  const settings = { minCases: 3, max: 2 };

  it('lists over-represented segments by lift, with their share of the topic', () => {
    // The topic: 12 cases, 9 from retail and 3 from enterprise; all cases: 60, 18 retail, 30 enterprise.
    const segments = topSegments(
      [
        { groupKind: 'segment.industry', groupValue: 'retail', cases: 9 },
        { groupKind: 'segment.plan', groupValue: 'enterprise', cases: 3 },
        { groupKind: 'segment.region', groupValue: 'emea', cases: 2 },
        { groupKind: 'segment.role', groupValue: 'admin', cases: 12 },
      ],
      12,
      [
        { groupKind: 'segment.industry', groupValue: 'retail', cases: 18 },
        { groupKind: 'segment.plan', groupValue: 'enterprise', cases: 30 },
        { groupKind: 'segment.region', groupValue: 'emea', cases: 2 },
        { groupKind: 'segment.role', groupValue: 'admin', cases: 40 },
      ],
      60,
      settings,
    );
    expect(segments).toEqual([
      { attribute: 'industry', value: 'retail', cases: 9, share: 0.75, lift: 2.5 },
      { attribute: 'role', value: 'admin', cases: 12, share: 1, lift: 1.5 },
    ]);
  });

  it('is empty without cases or without a base', () => {
    const group = [{ groupKind: 'segment.industry', groupValue: 'retail', cases: 5 }];
    expect(topSegments(group, 0, group, 10, settings)).toEqual([]);
    expect(topSegments(group, 5, [], 0, settings)).toEqual([]);
  });
});

describe('pickExamples', () => {
  it('takes the latest distinct phrasings', () => {
    const at = (day: number) => `2026-11-0${day}T09:00:00.000Z`;
    expect(
      pickExamples(
        [
          { phrasing: 'How do I export to PDF?', openedAt: at(1), source: 'z', caseId: '1' },
          { phrasing: 'how do I  export to pdf?', openedAt: at(3), source: 'z', caseId: '2' },
          { phrasing: null, openedAt: at(4), source: 'z', caseId: '3' },
          {
            phrasing: 'Where is the export button? Mail me at [email]',
            openedAt: at(2),
            source: 'z',
            caseId: '4',
          },
          { phrasing: '   ', openedAt: at(5), source: 'z', caseId: '5' },
          { phrasing: 'Export to PDF please', openedAt: at(2), source: 'a', caseId: '6' },
        ],
        3,
      ),
    ).toEqual([
      'how do I export to pdf?',
      'Export to PDF please',
      'Where is the export button? Mail me at [email]',
    ]);
  });
});

describe('topChannels', () => {
  it('lists the channels with cases, most first', () => {
    expect(
      topChannels(
        [
          { channel: 'email', cases: 2 },
          { channel: 'chat', cases: 5 },
          { channel: 'web', cases: 2 },
          { channel: 'phone', cases: 0 },
          { channel: 'social', cases: 1 },
        ],
        3,
      ),
    ).toEqual([
      { channel: 'chat', cases: 5 },
      { channel: 'email', cases: 2 },
      { channel: 'web', cases: 2 },
    ]);
  });
});
