import { modelInput } from './model-input';

describe('modelInput', () => {
  it('masks personal data and drops the placeholders, keeping the words around them', () => {
    const text = modelInput('cancel order #123456 and mail bob@example.com or call +44 20 7946 0958');
    expect(text).not.toMatch(/123456|bob@|7946|\[|email|number|phone/);
    // Punctuation left behind ("#") is dropped by the tokeniser; the words are what the model reads.
    expect(text.match(/[a-z]+/g)).toEqual(['cancel', 'order', 'and', 'mail', 'or', 'call']);
  });

  it('leaves ordinary words that happen to be placeholder names alone', () => {
    expect(modelInput('what is your phone number?')).toBe('what is your phone number?');
  });
});
