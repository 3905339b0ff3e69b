import { FactRow } from './fact-row';
import { FactBatches, NewEvents, ReadModelWriter } from './read-model-writer';
import { FactWrites, MAX_EVENTS_PER_WRITE } from './fact-writes';

/** A writer that records what each write held; every even-numbered event is new. */
function recordingWriter() {
  const writes: Array<{ cases: string[]; surveys: string[] }> = [];
  const writer = {
    apply: async (batches: FactBatches): Promise<NewEvents> => {
      const ids = (input: 'cases' | 'surveys') => (batches[input]?.rows ?? []).map((r) => String(r.event_id));
      writes.push({ cases: ids('cases'), surveys: ids('surveys') });
      const fresh = (input: 'cases' | 'surveys') => ids(input).map((id) => Number(id.slice(1)) % 2 === 0);
      return { cases: fresh('cases'), surveys: fresh('surveys') };
    },
  };
  return { writes, writer: writer as unknown as ReadModelWriter };
}

const rows = (prefix: string, n: number): FactRow[] =>
  Array.from({ length: n }, (_, i) => ({ event_id: `${prefix}${i}` }) as FactRow);

describe('FactWrites', () => {
  it('writes the case and survey batches handed over together in one write, each caller its own flags', async () => {
    const { writes, writer } = recordingWriter();
    const facts = new FactWrites(writer);
    const [cases, surveys] = await Promise.all([facts.cases(rows('c', 3)), facts.surveys(rows('s', 2))]);
    expect(writes).toEqual([{ cases: ['c0', 'c1', 'c2'], surveys: ['s0', 's1'] }]);
    expect(cases).toEqual([true, false, true]);
    expect(surveys).toEqual([true, false]);
  });

  it('writes a batch larger than one write in consecutive parts, in order', async () => {
    const { writes, writer } = recordingWriter();
    const n = 2 * MAX_EVENTS_PER_WRITE + 10;
    const fresh = await new FactWrites(writer).cases(rows('c', n));
    expect(writes.map((write) => write.cases.length)).toEqual([
      MAX_EVENTS_PER_WRITE,
      MAX_EVENTS_PER_WRITE,
      10,
    ]);
    expect(writes.flatMap((write) => write.cases)).toEqual(rows('c', n).map((row) => row.event_id));
    expect(fresh).toEqual(rows('c', n).map((_, i) => i % 2 === 0));
  });
});
