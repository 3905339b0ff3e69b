import { stratifiedSplit } from './split';
import { TrainingExample } from './text-model';

function examples(counts: Record<string, number>): TrainingExample[] {
  return Object.entries(counts).flatMap(([code, n]) =>
    Array.from({ length: n }, (_, i) => ({ text: `${code} ${i}`, code })),
  );
}

describe('stratifiedSplit', () => {
  const data = examples({ big: 100, mid: 30, small: 5, single: 1 });

  it('holds out the fraction of every code, rounded, keeping at least one in training', () => {
    const { train, holdout } = stratifiedSplit(data, 0.1, 1);
    const count = (list: TrainingExample[], code: string) => list.filter((e) => e.code === code).length;
    expect(count(holdout, 'big')).toBe(10);
    expect(count(holdout, 'mid')).toBe(3);
    expect(count(holdout, 'small')).toBe(1); // round(0.5)
    expect(count(holdout, 'single')).toBe(0); // a lone example stays in training
    expect(train.length + holdout.length).toBe(data.length);
    expect(new Set([...train, ...holdout])).toEqual(new Set(data));
  });

  it('is deterministic for a seed, and the seed changes the draw', () => {
    const a = stratifiedSplit(data, 0.2, 7);
    const b = stratifiedSplit(data, 0.2, 7);
    const c = stratifiedSplit(data, 0.2, 8);
    expect(a).toEqual(b);
    expect(c.holdout).not.toEqual(a.holdout);
  });

  it('holds out the same number of each code whatever the input order', () => {
    const perCode = (list: TrainingExample[]) =>
      list.reduce<Record<string, number>>(
        (counts, e) => ({ ...counts, [e.code]: (counts[e.code] ?? 0) + 1 }),
        {},
      );
    const a = stratifiedSplit(data, 0.2, 3).holdout;
    const b = stratifiedSplit([...data].reverse(), 0.2, 3).holdout;
    expect(perCode(b)).toEqual(perCode(a));
  });

  it('keeps the input order within each part, and refuses a bad fraction', () => {
    const { train } = stratifiedSplit(data, 0.3, 2);
    const positions = train.map((e) => data.indexOf(e));
    expect(positions).toEqual([...positions].sort((x, y) => x - y));
    expect(stratifiedSplit(data, 0, 1).holdout).toEqual([]);
    expect(() => stratifiedSplit(data, 1, 1)).toThrow(/holdoutFraction/);
  });
});
