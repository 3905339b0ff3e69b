import { MAX_PHRASING_LENGTH } from '@supportlens/contracts';

/**
 * How the customer put it, short enough to quote: the (already masked) text's whitespace collapsed,
 * cut at the last sentence or word end before the limit. Pure.
 */
export function phrasingOf(maskedText: string, limit = MAX_PHRASING_LENGTH): string {
  const flat = maskedText.replace(/\s+/g, ' ').trim();
  if (flat.length <= limit) return flat;
  const head = flat.slice(0, limit - 1);
  const sentenceEnd = Math.max(head.lastIndexOf('. '), head.lastIndexOf('? '), head.lastIndexOf('! '));
  if (sentenceEnd >= limit / 2) return head.slice(0, sentenceEnd + 1);
  const wordEnd = head.lastIndexOf(' ');
  return `${head.slice(0, wordEnd > 0 ? wordEnd : head.length)}…`;
}
