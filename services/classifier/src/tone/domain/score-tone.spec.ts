import Sentiment from 'sentiment';
import { labelOf, scoreTone, TONE_THRESHOLD } from './score-tone';

describe('scoreTone', () => {
  it.each([
    'This is the third time I write. Your app is useless and your support is a joke. Unacceptable!',
    'I am not happy with the service.',
    'Don’t like the new design at all.',
    'The app keeps crashing and it is completely unusable. What a nightmare.',
    'WORST. SERVICE. EVER. I want my money back, this is a rip-off!!!',
    'Your agent was unhelpful and rude.',
    'I was overcharged again.',
  ])('angry or unhappy: %j is negative', (text) => {
    const tone = scoreTone(text);
    expect(tone.label).toBe('negative');
    expect(tone.score).toBeLessThanOrEqual(-TONE_THRESHOLD);
  });

  it.each([
    'How do I export my invoices to CSV? Thanks in advance. Kind regards, Anna',
    'Hi, where can I change the billing address on my account? Best regards',
    'I would like to update my email address.',
    'My order has not arrived yet. Can you check the tracking?',
    'Hello, I need help with the configuration of the API. Thanks!',
    'Please contact support about my subscription.',
    'Where can I download the mobile app?',
  ])('neutral how-to or request: %j is neutral', (text) => {
    expect(scoreTone(text).label).toBe('neutral');
  });

  it.each([
    'Thank you so much, the issue is fixed and your team was amazing!',
    'Great support, quick answer, love the product.',
    'Thanks, that fixed it!',
    'Your service is fine, no complaints.',
    'Very helpful agent, excellent experience.',
  ])('praise: %j is positive', (text) => {
    const tone = scoreTone(text);
    expect(tone.label).toBe('positive');
    expect(tone.score).toBeGreaterThanOrEqual(TONE_THRESHOLD);
  });

  it('reads negated praise as negative, and negated complaints as positive', () => {
    expect(scoreTone('I am happy.').label).toBe('positive');
    expect(scoreTone('I am not happy.').label).toBe('negative');
    expect(scoreTone("The agent wasn't helpful.").label).toBe('negative');
    expect(scoreTone('I cannot recommend you.').label).toBe('negative');
    expect(scoreTone('No problem at all.').label).toBe('positive');
  });

  it('maps the comparative score through tanh(2x): "I am not happy." is −3 over 4 tokens', () => {
    expect(scoreTone('I am not happy.').score).toBeCloseTo(Math.tanh(2 * (-3 / 4)), 3);
    expect(scoreTone('Great!').score).toBeCloseTo(Math.tanh(2 * 3), 3);
  });

  it('keeps the score within −1…1 and ranks stronger wording further out', () => {
    const furious = scoreTone('Terrible, awful, horrible, worst, disgusting!');
    const annoyed = scoreTone('This is a bit annoying, the page loads slowly every morning.');
    expect(furious.score).toBeGreaterThanOrEqual(-1);
    expect(furious.score).toBeLessThan(annoyed.score);
    expect(scoreTone('Amazing amazing amazing!!!').score).toBeLessThanOrEqual(1);
  });

  it('uses the support extras: "support" and "help" are not praise, "a joke" is not humour', () => {
    expect(scoreTone('support help').score).toBe(0);
    expect(scoreTone('It is a joke.').label).toBe('negative');
  });

  it('is neutral with a score of 0 for empty or sentiment-free text', () => {
    expect(scoreTone('')).toEqual({ score: 0, label: 'neutral' });
    expect(scoreTone('   ')).toEqual({ score: 0, label: 'neutral' });
    expect(scoreTone('The invoice number is [number].')).toEqual({ score: 0, label: 'neutral' });
  });

  it('does not change the library’s shared English lexicon', () => {
    // Passing extras to analyze() would merge them into it; we register our own language instead.
    scoreTone('your support is a joke');
    expect(new Sentiment().analyze('joke').score).toBe(2);
  });

  it('labels with inclusive thresholds', () => {
    expect(labelOf(-TONE_THRESHOLD)).toBe('negative');
    expect(labelOf(TONE_THRESHOLD)).toBe('positive');
    expect(labelOf(0.199)).toBe('neutral');
    expect(labelOf(-0.199)).toBe('neutral');
  });
});
