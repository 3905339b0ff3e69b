import { FactRow } from './fact-row';
import { FactBatches, NewEvents, ReadModelWriter } from './read-model-writer';
import { InsightsConfig } from '../config/insights.config';
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

const writers = (n: number) => ({ INSIGHTS_WRITERS: n }) as InsightsConfig;

const rows = (prefix: string, n: number): FactRow[] =>
  Array.from({ length: n }, (_, i) => ({ event_id: `${prefix}${i}` }) as FactRow);

describe('FactWrites', () => {
  it('writes the case and survey batches handed over together in one write, each caller its own flags', async () => {
    const { writes, writer } = recordingWriter();
    const facts = new FactWrites(writer, writers(1));
    const [cases, surveys] = await Promise.all([
      facts.cases(0, rows('c', 3)),
      facts.surveys(1, rows('s', 2)),
    ]);
    expect(writes).toEqual([{ cases: ['c0', 'c1', 'c2'], surveys: ['s0', 's1'] }]);
    expect(cases).toEqual([true, false, true]);
    expect(surveys).toEqual([true, false]);
  });

  it('writes a batch larger than one write in consecutive parts, in order', async () => {
    const { writes, writer } = recordingWriter();
    const n = 2 * MAX_EVENTS_PER_WRITE + 10;
    const fresh = await new FactWrites(writer, writers(2)).cases(3, rows('c', n));
    expect(writes.map((write) => write.cases.length)).toEqual([
      MAX_EVENTS_PER_WRITE,
      MAX_EVENTS_PER_WRITE,
      10,
    ]);
    expect(writes.flatMap((write) => write.cases)).toEqual(rows('c', n).map((row) => row.event_id));
    expect(fresh).toEqual(rows('c', n).map((_, i) => i % 2 === 0));
  });

  it('gives partition p of both topics to writer p mod N, whose writes run side by side', async () => {
    const writes: string[][] = [];
    let running = 0;
    let mostAtOnce = 0;
    const writer = {
      apply: async (batches: FactBatches): Promise<NewEvents> => {
        running++;
        mostAtOnce = Math.max(mostAtOnce, running);
        const ids = (input: 'cases' | 'surveys') =>
          (batches[input]?.rows ?? []).map((r) => String(r.event_id));
        writes.push([...ids('cases'), ...ids('surveys')]);
        await new Promise((resolve) => setTimeout(resolve, 5));
        running--;
        return { cases: ids('cases').map(() => true), surveys: ids('surveys').map(() => true) };
      },
    } as unknown as ReadModelWriter;
    const facts = new FactWrites(writer, writers(2));
    await Promise.all([
      facts.cases(0, rows('c0-', 1)),
      facts.cases(1, rows('c1-', 1)),
      facts.surveys(2, rows('s2-', 1)),
      facts.surveys(3, rows('s3-', 1)),
    ]);
    expect(writes.map((write) => [...write].sort())).toEqual(
      expect.arrayContaining([
        ['c0-0', 's2-0'],
        ['c1-0', 's3-0'],
      ]),
    );
    expect(writes).toHaveLength(2);
    expect(mostAtOnce).toBe(2);
  });
});
