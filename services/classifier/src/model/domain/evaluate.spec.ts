import { evaluate, evaluatePredictions } from './evaluate';
import { trainModel } from './train';
import { SMALL_FEATURES, toyExamples } from './toy-examples.fixture';

describe('evaluate', () => {
  // A hand-made confusion, actual → predicted:
  //   A: A, A, A, B      B: B, B, A      C: B
  const pairs = [
    { actual: 'A', predicted: 'A' },
    { actual: 'A', predicted: 'A' },
    { actual: 'A', predicted: 'A' },
    { actual: 'A', predicted: 'B' },
    { actual: 'B', predicted: 'B' },
    { actual: 'B', predicted: 'B' },
    { actual: 'B', predicted: 'A' },
    { actual: 'C', predicted: 'B' },
  ];

  it('computes accuracy, per-code precision, recall and F1, and macro-F1', () => {
    const result = evaluatePredictions(pairs);
    expect(result.examples).toBe(8);
    expect(result.accuracy).toBe(5 / 8); // 3 A + 2 B right

    // A: TP 3; predicted A 4 times (3 + 1 from B): P = 3/4; 4 labelled A: R = 3/4; F1 = 0.75.
    expect(result.perCode.A).toEqual({ precision: 0.75, recall: 0.75, f1: 0.75, support: 4 });
    // B: TP 2; predicted B 4 times (1 from A, 2, 1 from C): P = 2/4; 3 labelled B: R = 2/3;
    //    F1 = 2 · 0.5 · 0.6667 / (0.5 + 0.6667) = 0.6667 / 1.1667 = 0.571429.
    expect(result.perCode.B.precision).toBe(0.5);
    expect(result.perCode.B.recall).toBeCloseTo(2 / 3, 12);
    expect(result.perCode.B.f1).toBeCloseTo(4 / 7, 12);
    expect(result.perCode.B.support).toBe(3);
    // C: never predicted: P = 0 (0/0 counts as 0), R = 0/1 = 0, F1 = 0.
    expect(result.perCode.C).toEqual({ precision: 0, recall: 0, f1: 0, support: 1 });
    // Macro-F1 = (0.75 + 0.571429 + 0) / 3 = 0.440476.
    expect(result.macroF1).toBeCloseTo((0.75 + 4 / 7 + 0) / 3, 12);
  });

  it('lists the confusions, most frequent first, then by name', () => {
    const result = evaluatePredictions([...pairs, { actual: 'C', predicted: 'B' }]);
    expect(result.confusionPairs).toEqual([
      { actual: 'C', predicted: 'B', count: 2 },
      { actual: 'A', predicted: 'B', count: 1 },
      { actual: 'B', predicted: 'A', count: 1 },
    ]);
    expect(evaluatePredictions(pairs, { confusionPairs: 1 }).confusionPairs).toHaveLength(1);
  });

  it('counts a code that is only ever predicted against macro-F1', () => {
    const result = evaluatePredictions([
      { actual: 'A', predicted: 'A' },
      { actual: 'A', predicted: 'Z' },
    ]);
    expect(result.perCode.Z).toEqual({ precision: 0, recall: 0, f1: 0, support: 0 });
    // A: P = 1, R = 1/2, F1 = 2/3; Z: 0. Macro = 1/3.
    expect(result.macroF1).toBeCloseTo(1 / 3, 12);
  });

  it('is empty-safe', () => {
    expect(evaluatePredictions([])).toEqual({
      examples: 0,
      accuracy: 0,
      macroF1: 0,
      perCode: {},
      confusionPairs: [],
    });
  });

  it('evaluates a trained model on labelled texts', () => {
    const model = trainModel(toyExamples(30, 4), { features: SMALL_FEATURES });
    const result = evaluate(model, toyExamples(10, 77));
    expect(result.examples).toBe(30);
    expect(result.accuracy).toBe(1);
    expect(result.macroF1).toBe(1);
    expect(Object.keys(result.perCode)).toEqual(['account', 'billing', 'shipping']);
    expect(result.confusionPairs).toEqual([]);
  });
});
