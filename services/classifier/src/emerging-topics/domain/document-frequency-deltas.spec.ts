import { documentFrequencyDeltas } from './document-frequency-deltas';

describe('documentFrequencyDeltas', () => {
  it('adds one document per new case to its day and to each of its terms', () => {
    expect(
      documentFrequencyDeltas([
        { after: { day: '2031-03-01', terms: ['pdf', 'export'] } },
        { after: { day: '2031-03-01', terms: ['pdf'] } },
      ]),
    ).toEqual({
      terms: [
        { term: 'export', day: '2031-03-01', delta: 1 },
        { term: 'pdf', day: '2031-03-01', delta: 2 },
      ],
      days: [{ day: '2031-03-01', delta: 2 }],
    });
  });

  it('changes nothing for a redelivered case', () => {
    const same = { day: '2031-03-01', terms: ['pdf', 'export'] };
    expect(documentFrequencyDeltas([{ before: same, after: { ...same, terms: ['export', 'pdf'] } }])).toEqual(
      {
        terms: [],
        days: [],
      },
    );
  });

  it('moves exactly a corrected case’s own contribution, across days too', () => {
    expect(
      documentFrequencyDeltas([
        {
          before: { day: '2031-03-01', terms: ['pdf', 'export'] },
          after: { day: '2031-03-02', terms: ['pdf', 'csv'] },
        },
      ]),
    ).toEqual({
      terms: [
        { term: 'csv', day: '2031-03-02', delta: 1 },
        { term: 'export', day: '2031-03-01', delta: -1 },
        { term: 'pdf', day: '2031-03-01', delta: -1 },
        { term: 'pdf', day: '2031-03-02', delta: 1 },
      ],
      days: [
        { day: '2031-03-01', delta: -1 },
        { day: '2031-03-02', delta: 1 },
      ],
    });
  });

  it('counts a term once per case even if listed twice', () => {
    expect(documentFrequencyDeltas([{ after: { day: '2031-03-01', terms: ['pdf', 'pdf'] } }]).terms).toEqual([
      { term: 'pdf', day: '2031-03-01', delta: 1 },
    ]);
  });
});
