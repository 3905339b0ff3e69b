import { patternProblem } from './safe-pattern';

describe('patternProblem', () => {
  it.each([
    '\\binvoice\\b',
    'money\\s+back',
    '\\b(refund|chargeback)s?\\b',
    '(?:https?://)?shop\\.example\\.com',
    'order\\s*#?\\d{5,8}',
    '[(+)]+', // quantifier characters inside a class are literals
    '\\(a+\\)+', // escaped parentheses are not a group
    '(colou?r)+', // ? inside does not repeat
    '\\b(right to (be forgotten|erasure))\\b',
    '(?<=order )\\d+',
  ])('accepts %s', (pattern) => {
    expect(patternProblem(pattern)).toBeUndefined();
  });

  it.each([
    ['(a+)+', '(a+)+'],
    ['(a*)*b', '(a*)*'],
    ['^(\\w+\\s?)*$', '(\\w+\\s?)*'],
    ['((ab)+c){2,}', '((ab)+c){2,}'],
    ['(x{1,3}y)+?', '(x{1,3}y)+?'],
    ['(?:[a-z]+\\.)+com', '(?:[a-z]+\\.)+'],
  ])('refuses the nested quantifier in %s', (pattern, construct) => {
    expect(patternProblem(pattern)).toBe(
      `must not repeat a group that itself repeats (${construct}): it can take exponential time on a long text`,
    );
  });

  it('refuses backreferences', () => {
    expect(patternProblem('(a)\\1')).toBe('must not use backreferences (\\1…)');
    expect(patternProblem('(?<x>a)\\k<x>')).toBe('must not use backreferences (\\k…)');
  });

  it('refuses what does not compile, is empty, too long, or matches empty text', () => {
    expect(patternProblem('[a-')).toMatch(/^is not a valid regular expression: /);
    expect(patternProblem(' ')).toBe('must not be empty');
    expect(patternProblem('a'.repeat(201))).toBe('must be at most 200 characters long (it has 201)');
    expect(patternProblem('(refund)?')).toBe('matches empty text, so it would match every case');
  });
});
