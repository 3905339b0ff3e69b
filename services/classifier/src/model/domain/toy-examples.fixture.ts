import { seededRandom } from './random';
import { FeatureSettings, TrainingExample } from './text-model';

/**
 * A small synthetic 3-code problem for unit tests: each text mixes two or three words typical of its
 * code with neutral filler words every code shares. Seeded, so the same call gives the same texts.
 */
export const TOY_WORDS: Record<string, string[]> = {
  billing: ['invoice', 'charged', 'refund', 'payment', 'bill', 'overcharged'],
  shipping: ['package', 'delivery', 'courier', 'tracking', 'parcel', 'shipment'],
  account: ['password', 'login', 'username', 'locked', 'signin', 'profile'],
};
const FILLER = ['please', 'help', 'my', 'the', 'i', 'need', 'with', 'today', 'hello', 'thanks'];

export function toyExamples(perCode: number, seed: number): Array<{ text: string; code: string }> {
  const random = seededRandom(seed);
  const pick = (list: readonly string[]) => list[Math.floor(random() * list.length)];
  const out: TrainingExample[] = [];
  for (let i = 0; i < perCode; i++) {
    for (const [code, words] of Object.entries(TOY_WORDS)) {
      const parts = [pick(FILLER), pick(words), pick(FILLER), pick(words)];
      if (random() < 0.5) parts.push(pick(FILLER), pick(words));
      out.push({ text: parts.join(' '), code });
    }
  }
  return out;
}

/** A small hash table: plenty for a few dozen words, and fast to train and encode in tests. */
export const SMALL_FEATURES: Partial<FeatureSettings> = { wordBuckets: 1 << 10, charBuckets: 1 << 12 };
