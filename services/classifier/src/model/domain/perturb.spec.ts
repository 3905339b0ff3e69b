import { perturbTexts } from './perturb';

const wordsOf = (text: string) => text.toLowerCase().match(/[a-z0-9]+/g) ?? [];

/** Whether `inner` appears in `outer` in order, possibly with other words between. */
function isSubsequence(inner: string[], outer: string[]): boolean {
  let at = 0;
  for (const word of outer) if (word === inner[at]) at++;
  return at === inner.length;
}

describe('perturbTexts', () => {
  const texts = Array.from({ length: 50 }, (_, i) => `I would like to cancel my order number ${i}, please.`);

  it('is deterministic for a seed', () => {
    expect(perturbTexts(texts, 5)).toEqual(perturbTexts(texts, 5));
    expect(perturbTexts(texts, 6)).not.toEqual(perturbTexts(texts, 5));
  });

  it('changes most texts: typos, casing, punctuation and filler words', () => {
    const perturbed = perturbTexts(texts, 5, { typoRate: 0.3 });
    expect(perturbed.filter((text, i) => text !== texts[i]).length).toBeGreaterThan(40);
    expect(perturbed.some((text) => text === text.toUpperCase())).toBe(true);
    expect(perturbed.some((text) => !/cancel/i.test(text))).toBe(true); // a typo in "cancel"
  });

  it('without typos keeps every original word, in order, adding only filler and changing form', () => {
    const perturbed = perturbTexts(texts, 5, { typoRate: 0 });
    perturbed.forEach((text, i) => expect(isSubsequence(wordsOf(texts[i]), wordsOf(text))).toBe(true));
  });
});
