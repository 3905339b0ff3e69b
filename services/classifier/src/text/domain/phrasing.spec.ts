import { phrasingOf } from './phrasing';

describe('phrasingOf', () => {
  it('keeps a short text whole, whitespace collapsed', () => {
    expect(phrasingOf('How do I\n\n  export   to PDF?')).toBe('How do I export to PDF?');
  });

  it('cuts a long text at a sentence end in its second half', () => {
    const text = `${'a'.repeat(30)} first sentence. ${'b '.repeat(40)}`;
    expect(phrasingOf(text, 60)).toBe(`${'a'.repeat(30)} first sentence.`);
  });

  it('otherwise cuts at a word end and marks the cut', () => {
    const cut = phrasingOf('word '.repeat(100), 50);
    expect(cut.length).toBeLessThanOrEqual(50);
    expect(cut.endsWith('word…')).toBe(true);
  });
});
