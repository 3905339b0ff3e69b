import { normaliseText, splitWords, tokenise } from './tokenise';

describe('tokenise', () => {
  it('lower-cases, folds accents and compatibility forms, and maps digits to 0', () => {
    expect(normaliseText('Café RÉSUMÉ naïve ﬁle Ünïcödé')).toBe('cafe resume naive file unicode');
    expect(normaliseText('Order #12345')).toBe('order #00000');
  });

  it('splits on anything but letters and digits, keeping words with inner apostrophes whole', () => {
    expect(tokenise("I CAN'T log in—my order #A-123 isn’t here!!")).toEqual([
      'i',
      'cant',
      'log',
      'in',
      'my',
      'order',
      'a',
      '000',
      'isnt',
      'here',
    ]);
    expect(tokenise("'quoted' words'")).toEqual(['quoted', 'words']);
  });

  it('keeps letters of other scripts as words', () => {
    expect(tokenise('Заказ не пришёл, 注文')).toEqual(['заказ', 'не', 'пришел', '注文']);
    // Marks that are vowels, not accents, stay: the word is unchanged.
    expect(tokenise('नमस्ते')).toEqual(['नमस्ते']);
  });

  it('gives spans that slice the returned text', () => {
    const split = splitWords(normaliseText("Where's my parcel?"));
    expect(split.text).toBe('wheres my parcel?');
    expect(split.words.map((w) => split.text.slice(w.start, w.end))).toEqual(['wheres', 'my', 'parcel']);
  });

  it('returns nothing for text without words', () => {
    expect(tokenise('  ?!… ')).toEqual([]);
    expect(tokenise('')).toEqual([]);
  });
});
