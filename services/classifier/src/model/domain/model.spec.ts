import { encodeModel } from './codec';
import { predict } from './predict';
import { TextModel } from './text-model';
import { trainModel } from './train';
import { normaliseText, tokenise } from './tokenise';
import { SMALL_FEATURES, toyExamples } from './toy-examples.fixture';

describe('trainModel and predict', () => {
  let model: TextModel;
  beforeAll(() => {
    model = trainModel(toyExamples(40, 1), { features: SMALL_FEATURES });
  });

  it('learns the codes, sorted, and records how it was trained', () => {
    expect(model.codes).toEqual(['account', 'billing', 'shipping']);
    expect(model.weights).toHaveLength((SMALL_FEATURES.wordBuckets! + SMALL_FEATURES.charBuckets!) * 3);
    expect(model.training.examples).toBe(120);
    expect(model.training.examplesPerCode).toEqual({ account: 40, billing: 40, shipping: 40 });
    expect(model.training.holdoutExamples).toBe(12); // 10 % of each code, stratified
    expect(model.training.holdoutAccuracy).toBe(1);
    expect(model.temperature).toBeGreaterThan(0);
  });

  it('separates a toy 3-class problem, on texts it never saw', () => {
    const unseen = toyExamples(20, 999);
    const right = unseen.filter(
      (example) => predict(model, example.text).candidates[0].code === example.code,
    );
    expect(right.length).toBe(unseen.length);
    expect(predict(model, 'Why was I CHARGED twice on my bill?').candidates[0].code).toBe('billing');
    expect(predict(model, 'the courier lost my parcel').candidates[0].code).toBe('shipping');
    expect(predict(model, 'I forgot my password and cannot log in').candidates[0].code).toBe('account');
  });

  it('copes with typos through the character n-grams', () => {
    expect(predict(model, 'pasword reset pls, my usernme is lockd').candidates[0].code).toBe('account');
    expect(predict(model, 'where is my pakage, no delivry yet').candidates[0].code).toBe('shipping');
  });

  it('returns probabilities that sum to 1 over all codes, best first', () => {
    for (const text of ['refund please', 'tracking number', 'hello', '', '¿¿??']) {
      const { candidates } = predict(model, text, { topK: 10 });
      expect(candidates).toHaveLength(3);
      expect(candidates.reduce((sum, c) => sum + c.confidence, 0)).toBeCloseTo(1, 10);
      for (let i = 1; i < candidates.length; i++) {
        expect(candidates[i - 1].confidence).toBeGreaterThanOrEqual(candidates[i].confidence);
      }
      for (const c of candidates) expect(c.confidence).toBeGreaterThan(0);
    }
  });

  it('returns the top K only, and is less sure of a text without known words', () => {
    expect(predict(model, 'refund please', { topK: 1 }).candidates).toHaveLength(1);
    const sure = predict(model, 'refund for my invoice payment').candidates[0].confidence;
    const unsure = predict(model, 'xyzzy quux').candidates[0].confidence;
    expect(sure).toBeGreaterThan(0.9);
    expect(unsure).toBeLessThan(sure);
  });

  it('explains the top code with words and bigrams of this text', () => {
    const text = 'Hello, I need a REFUND for the invoice';
    const { candidates, explanation } = predict(model, text, { explain: 4 });
    expect(candidates[0].code).toBe('billing');
    expect(explanation.length).toBeGreaterThan(0);
    expect(explanation.length).toBeLessThanOrEqual(4);
    const words = tokenise(text);
    const bigrams = words.slice(1).map((word, i) => `${words[i]} ${word}`);
    for (const { term, weight } of explanation) {
      expect([...words, ...bigrams]).toContain(term);
      expect(weight).toBeGreaterThan(0);
    }
    for (let i = 1; i < explanation.length; i++) {
      expect(explanation[i - 1].weight).toBeGreaterThanOrEqual(explanation[i].weight);
    }
    expect(['refund', 'invoice']).toContain(explanation[0].term);
    expect(normaliseText(text)).toContain(explanation[0].term);
  });

  it("explains in calibrated log-odds: the terms add up to at least the top code's lead over the average", () => {
    // log p_top − mean_k log p_k = (z_top − mean z) / T; less the bias part, that is the sum of all term
    // weights, positive and negative, so the positive ones alone add up to at least as much.
    const text = 'my parcel is late, where is the courier with my delivery';
    const { candidates, explanation } = predict(model, text, { topK: 3, explain: 100 });
    const top = model.codes.indexOf(candidates[0].code);
    const meanLog = candidates.reduce((sum, c) => sum + Math.log(c.confidence), 0) / 3;
    const meanBias = (model.bias[0] + model.bias[1] + model.bias[2]) / 3;
    const lead =
      Math.log(candidates[0].confidence) - meanLog - (model.bias[top] - meanBias) / model.temperature;
    const explained = explanation.reduce((sum, term) => sum + term.weight, 0);
    expect(lead).toBeGreaterThan(0);
    expect(explained).toBeGreaterThanOrEqual(lead - 1e-4);
  });

  it('skips the explanation when asked for none', () => {
    expect(predict(model, 'refund', { explain: 0 }).explanation).toEqual([]);
  });

  it('is deterministic for a seed, and the seed matters', () => {
    const examples = toyExamples(15, 5);
    const a = trainModel(examples, { features: SMALL_FEATURES, seed: 42 });
    const b = trainModel(examples, { features: SMALL_FEATURES, seed: 42 });
    const c = trainModel(examples, { features: SMALL_FEATURES, seed: 43 });
    expect(encodeModel(a).equals(encodeModel(b))).toBe(true);
    expect(b).toEqual(a);
    expect(encodeModel(c).equals(encodeModel(a))).toBe(false);
  });

  it('trains without a hold-out, and with a single code', () => {
    const plain = trainModel(toyExamples(10, 2), { features: SMALL_FEATURES, holdoutFraction: 0 });
    expect(plain.temperature).toBe(1);
    expect(plain.training.holdoutExamples).toBe(0);
    expect(plain.training.holdoutAccuracy).toBeNull();
    const single = trainModel([{ text: 'anything', code: 'only' }], { features: SMALL_FEATURES });
    expect(predict(single, 'whatever').candidates).toEqual([{ code: 'only', confidence: 1 }]);
  });

  it('refuses bad input', () => {
    expect(() => trainModel([])).toThrow(/no examples/);
    expect(() => trainModel([{ text: 'x', code: '' }])).toThrow(/non-empty code/);
    expect(() => trainModel(toyExamples(2, 1), { features: { wordBuckets: 1000 } })).toThrow(/powers of two/);
    expect(() => trainModel(toyExamples(2, 1), { epochs: 0 })).toThrow(/epochs/);
  });
});
