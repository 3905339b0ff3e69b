import { dueForEvaluation } from './due-for-evaluation';
import { Segment } from '../../customers/domain/segments';

const at = (iso: string) => new Date(iso);
const industry = (value: string): Segment => ({ attribute: 'industry', value });
const SETTINGS = { evaluationIntervalSeconds: 3600, maxSegmentsPerBatch: 2 };
/** The same event time for every one of these segments. */
const allAt = (time: Date, ...values: string[]) => new Map(values.map((v) => [`industry=${v}`, time]));

describe('dueForEvaluation', () => {
  it('evaluates a new segment, and a known one an interval of event time after its last evaluation', () => {
    const last = new Map([
      ['industry=a', at('2051-06-30T11:00:00Z')],
      ['industry=b', at('2051-06-30T11:00:01Z')],
    ]);
    const due = dueForEvaluation(
      [industry('a'), industry('b'), industry('c')],
      last,
      allAt(at('2051-06-30T12:00:00Z'), 'a', 'b', 'c'),
      {
        ...SETTINGS,
        maxSegmentsPerBatch: 10,
      },
    );
    expect(due).toEqual([
      { segment: industry('a'), at: at('2051-06-30T12:00:00Z') },
      { segment: industry('c'), at: at('2051-06-30T12:00:00Z') },
    ]);
  });

  it('takes at most maxSegmentsPerBatch, never evaluated first, then the longest waiting', () => {
    const last = new Map([
      ['industry=a', at('2051-06-01T00:00:00Z')],
      ['industry=b', at('2051-05-01T00:00:00Z')],
    ]);
    const touched = [industry('a'), industry('b'), industry('c')];
    expect(
      dueForEvaluation(touched, last, allAt(at('2051-06-30T12:00:00Z'), 'a', 'b', 'c'), SETTINGS).map(
        (d) => d.segment.value,
      ),
    ).toEqual(['b', 'c']);
  });

  it('never moves a segment back in time; with no interval every batch evaluates', () => {
    const last = new Map([['industry=a', at('2051-06-30T12:00:00Z')]]);
    const late = allAt(at('2051-06-29T00:00:00Z'), 'a');
    expect(dueForEvaluation([industry('a')], last, late, SETTINGS)).toEqual([]);
    expect(
      dueForEvaluation([industry('a')], last, late, { evaluationIntervalSeconds: 0, maxSegmentsPerBatch: 1 }),
    ).toEqual([{ segment: industry('a'), at: at('2051-06-30T12:00:00Z') }]);
  });

  it("goes by each segment's own event time, and skips a segment the batch has no time for", () => {
    const times = new Map([
      ['industry=a', at('2051-06-30T12:00:00Z')],
      ['industry=b', at('2051-01-01T00:00:00Z')],
    ]);
    expect(
      dueForEvaluation([industry('a'), industry('b'), industry('c')], new Map(), times, {
        ...SETTINGS,
        maxSegmentsPerBatch: 10,
      }),
    ).toEqual([
      { segment: industry('a'), at: at('2051-06-30T12:00:00Z') },
      { segment: industry('b'), at: at('2051-01-01T00:00:00Z') },
    ]);
  });
});
