import { toCsv } from './content-topics.controller';
import { ContentTopicView } from './content-topics.view';

const item: ContentTopicView = {
  key: 'issue:reports.export',
  kind: 'issue_code',
  issueCode: 'reports.export',
  term: null,
  status: 'open',
  score: 66.9,
  scoreParts: { volume: 19.3, growth: 27.6, howTo: 20 },
  rank: 1,
  volume: 12,
  previousVolume: 4,
  growth: 2,
  howToCases: 12,
  howToShare: 1,
  escalatedCases: 0,
  reopenedCases: 0,
  negativeToneCases: 0,
  significance: null,
  issueKind: 'how_to',
  suggestedContentKind: 'how_to',
  contentKindReason: 'how-to questions',
  topSegments: [{ attribute: 'industry', value: 'retail', cases: 12, share: 1, lift: 1.5 }],
  channels: [
    { channel: 'chat', cases: 10 },
    { channel: 'email', cases: 2 },
  ],
  examples: ['How do I export, "quickly"?', '=HYPERLINK("x")'],
  raisedAt: '2026-11-10T15:00:00.000Z',
  updatedAt: '2026-11-10T15:00:00.000Z',
  version: 1,
};

describe('content-topics CSV export', () => {
  it('writes one line per topic, quoting commas and quotes and defusing formulas', () => {
    const csv = toCsv({
      window: { from: '2026-11-04', to: '2026-11-10', days: 7 },
      previousWindow: { from: '2026-10-28', to: '2026-11-03', days: 7 },
      segment: null,
      items: [
        item,
        {
          ...item,
          key: 'term:=sum',
          kind: 'term',
          issueCode: null,
          term: '=sum',
          growth: null,
          rank: null,
          topSegments: [],
          channels: [],
          examples: [],
        },
      ],
      nextCursor: null,
    });
    expect(csv.split('\r\n')).toEqual([
      'key,kind,issue_code,term,status,score,rank,volume,previous_volume,growth,how_to_share,suggested_content_kind,top_segments,channels,examples,window_from,window_to',
      'issue:reports.export,issue_code,reports.export,,open,66.9,1,12,4,2,1,how_to,industry=retail (1.5×),chat (10); email (2),"How do I export, ""quickly""? | =HYPERLINK(""x"")",2026-11-04,2026-11-10',
      "term:=sum,term,,'=sum,open,66.9,,12,4,,1,how_to,,,,2026-11-04,2026-11-10",
      '',
    ]);
  });
});
