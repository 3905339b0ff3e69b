import { seededRandom, shuffleInPlace } from './random';
import { TrainingExample } from './text-model';

/**
 * A stratified random split: each code gives round(count × holdoutFraction) of its examples to the
 * hold-out, so rare codes are represented in both parts. A code with a single example keeps it in
 * training (a code the model never saw cannot be predicted). Deterministic for a seed; each part
 * keeps the input order.
 */
export function stratifiedSplit(
  examples: readonly TrainingExample[],
  holdoutFraction: number,
  seed: number,
): { train: TrainingExample[]; holdout: TrainingExample[] } {
  if (!(holdoutFraction >= 0 && holdoutFraction < 1)) {
    throw new Error('holdoutFraction must be at least 0 and below 1');
  }
  const byCode = new Map<string, number[]>();
  examples.forEach((example, index) => {
    const list = byCode.get(example.code);
    if (list) list.push(index);
    else byCode.set(example.code, [index]);
  });
  const random = seededRandom(seed);
  const heldOut = new Uint8Array(examples.length);
  // Codes in sorted order, so the draw does not depend on the order codes first appear in.
  for (const code of [...byCode.keys()].sort()) {
    const indices = byCode.get(code)!;
    const take =
      indices.length < 2 ? 0 : Math.min(indices.length - 1, Math.round(indices.length * holdoutFraction));
    shuffleInPlace(indices, random);
    for (let i = 0; i < take; i++) heldOut[indices[i]] = 1;
  }
  const train: TrainingExample[] = [];
  const holdout: TrainingExample[] = [];
  examples.forEach((example, index) => (heldOut[index] ? holdout : train).push(example));
  return { train, holdout };
}
