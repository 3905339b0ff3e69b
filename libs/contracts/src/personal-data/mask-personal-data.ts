/**
 * Masks personal data in free text before it is stored or shown: e-mail addresses, phone numbers,
 * payment cards, IBANs, order/invoice/ticket references and the query strings of URLs. Pure, linear
 * time, idempotent (`mask(mask(x)) === mask(x)`: no placeholder matches any rule).
 *
 * Every pattern is compiled once, and each is written so that a string is split into a candidate in
 * only one way (separators are mandatory between digit groups, repetitions are bounded, lookbehinds
 * stop a run from being retried from inside itself). The decision that needs more than a shape (is it
 * a phone number or a date? does the card pass Luhn? the IBAN mod-97?) is taken in plain code on the
 * candidate, never by backtracking. The rules, in the order they run, are in
 * `services/classifier/docs/text-signals.md`. Shared by ingest (contact details never leave it) and the
 * classifier (everything it stores or shows).
 */

export const MASKS = {
  email: '[email]',
  phone: '[phone]',
  card: '[card]',
  number: '[number]',
  iban: '[iban]',
} as const;

/** http(s):// or www. URLs; group 1 = scheme + host + path, group 2 = `?query` / `#fragment`. */
const URL = /(?<![\w@.-])((?:https?:\/\/|www\.)[^\s/?#<>"'[\]]+[^\s?#<>"'[\]]*)([?#][^\s<>"'[\]]*)?/gi;

/** Local part ≤ 64, up to 8 dot-separated labels, a letter TLD; anchored at the start of its run. */
const EMAIL =
  /(?<![\w.%+-])[\w.%+-]{1,64}@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.){1,8}[a-z]{2,24}(?![\w-]|\.[a-z0-9])/gi;

/** Country code, check digits, then 11–30 letters/digits, optionally in groups of four. */
const IBAN = /(?<![\w-])[a-z]{2}\d{2}(?: ?[a-z0-9]{4}){2,7}(?: ?[a-z0-9]{1,4})?(?![\w-])/gi;

/**
 * Digit groups separated by single spaces or dashes, starting with a card network's first digit
 * (2–6: Mastercard, Amex, Diners/JCB, Visa, Discover/UnionPay); see {@link maskCardIn} for the check.
 */
const CARD_CANDIDATE = /(?<![\w+-])[2-6]\d*(?:[ -]\d+)*(?!\w)/g;

/**
 * A reference introduced by what it is: "order 123-456-789", "ticket #4521", "invoice no: A-20931".
 * The reference must contain a digit (checked by lookahead, so "booking ref: K2L9P4" is not consumed
 * as "booking" + "ref"); the callback wants three and no date.
 */
const KEYWORD_REFERENCE =
  /\b((?:order|invoice|ticket|case|booking|reservation|reference|ref|tracking|account|acct|customer|confirmation|transaction|receipt|contract|shipment|parcel|rma)s?\b\.?\s{0,3}(?:(?:number|num|no|nr|id|ref|reference|code)\b\.?\s{0,3})?[:#]{0,2}\s{0,3})((?=[a-z-]{0,40}\d)[a-z0-9][a-z0-9-]{0,40})(?![\w-])/gi;

/** A prefixed code: INV-2026-0042, ORD-99812 (upper-case prefix, dash, digits). */
const PREFIXED_CODE = /(?<![\w-])[A-Z]{2,5}-\d{1,12}(?:-\d{1,12}){0,3}(?![\w-])/g;

/** `#12345`: a hash and three or more digits (not an HTML entity `&#12345;`). */
const HASH_NUMBER = /(?<![\w&#])#\d{3,}(?!\w)/g;

/**
 * A phone-shaped run: optional +country code, optional (area), digit groups separated by single
 * spaces, dots, dashes or slashes. Whether it is a phone is decided by {@link isPhoneNumber}.
 */
const PHONE_CANDIDATE = /(?<![\w+./-])(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,5}\)[ .-]?)?\d+(?:[ ./-]\d+)*(?![\w])/g;

/** Six or more digits in a row, standing alone: account, order and customer numbers. */
const LONG_DIGIT_RUN = /(?<![\w])\d{6,}(?![\w])/g;

const DATE_LIKE = [/^\d{4}[ ./-]\d{1,2}[ ./-]\d{1,2}$/, /^\d{1,2}[ ./-]\d{1,2}[ ./-]\d{2,4}$/];
/** North American: (555) 123-4567, 555-123-4567, 555.123.4567, 1-800-555-0199 (+1 is international). */
const NANP = /^(?:1[ .-]?)?(?:\(\d{3}\) ?|\d{3}[ .-]?)\d{3}[ .-]?\d{4}$/;

export function maskPersonalData(text: string): string {
  if (text.length === 0) return text;
  return text
    .replace(URL, maskUrl)
    .replace(EMAIL, MASKS.email)
    .replace(IBAN, (match) => (isIban(match) ? MASKS.iban : match))
    .replace(CARD_CANDIDATE, maskCardIn)
    .replace(KEYWORD_REFERENCE, maskKeywordReference)
    .replace(PREFIXED_CODE, (match) => (digitsOf(match).length >= 4 ? MASKS.number : match))
    .replace(HASH_NUMBER, MASKS.number)
    .replace(PHONE_CANDIDATE, (match) => (isPhoneNumber(match) ? MASKS.phone : match))
    .replace(LONG_DIGIT_RUN, MASKS.number);
}

/**
 * Masks contact details only: e-mail addresses (also inside URLs' query strings, which are dropped)
 * and phone numbers. What ingest does to free text before it publishes a case, so that events carry
 * no way to reach the person; references (order numbers…) stay for the classifier to mask or use.
 */
export function maskContactDetails(text: string): string {
  if (text.length === 0) return text;
  return text
    .replace(URL, maskUrl)
    .replace(EMAIL, MASKS.email)
    .replace(PHONE_CANDIDATE, (match) => (isPhoneNumber(match) ? MASKS.phone : match));
}

/** Keeps scheme, host and path; drops the query string and fragment (tokens, e-mails, ids live there). */
function maskUrl(match: string, base: string, query: string | undefined): string {
  if (!query) return match;
  // Sentence punctuation after a URL belongs to the sentence, not to the query.
  const trailing = /[.,;:!?)]+$/.exec(query)?.[0] ?? '';
  return base + trailing;
}

/**
 * A card number is 13–19 digits passing Luhn, written without separators or in groups. A grouped
 * candidate may run on into what follows ("4111 1111 1111 1111 12/27"), so the longest prefix ending
 * at a group boundary that is a valid number is masked and the rest kept.
 */
function maskCardIn(candidate: string): string {
  const groups = candidate.split(/[ -]/);
  if (groups.length === 1) {
    return candidate.length >= 13 && candidate.length <= 19 && passesLuhn(candidate) ? MASKS.card : candidate;
  }
  let digits = '';
  let end = 0;
  let best = -1;
  for (const group of groups) {
    if (digits.length + group.length > 19) break;
    digits += group;
    end += group.length + (end === 0 ? 0 : 1);
    if (digits.length >= 13 && passesLuhn(digits)) best = end;
  }
  return best === -1 ? candidate : MASKS.card + candidate.slice(best);
}

function maskKeywordReference(match: string, lead: string, reference: string): string {
  const digits = digitsOf(reference).length;
  if (digits < 3 || DATE_LIKE.some((date) => date.test(reference))) return match;
  return lead + MASKS.number;
}

/** Decides whether a {@link PHONE_CANDIDATE} is a phone number rather than a date, amount or version. */
export function isPhoneNumber(candidate: string): boolean {
  const digits = digitsOf(candidate).length;
  if (candidate.startsWith('+')) return digits >= 8 && digits <= 15;
  if (DATE_LIKE.some((date) => date.test(candidate))) return false;
  if (candidate.startsWith('00')) return digits >= 10 && digits <= 17; // 00 + an international number
  if (candidate.startsWith('(')) return digits >= 7 && digits <= 15;
  if (NANP.test(candidate)) return true;
  // National numbers with a trunk prefix: 07700 900123, 030 1234567, 06 12 34 56 78.
  if (candidate.startsWith('0')) return digits >= 8 && digits <= 13;
  return false;
}

/** The IBAN check: move the first four characters to the end, letters to 10…35, the result mod 97 is 1. */
export function isIban(candidate: string): boolean {
  const compact = candidate.replace(/ /g, '').toUpperCase();
  if (compact.length < 15 || compact.length > 34) return false;
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const code = char.charCodeAt(0);
    const value = code >= 65 ? code - 55 : code - 48;
    remainder = (value >= 10 ? remainder * 100 + value : remainder * 10 + value) % 97;
  }
  return remainder === 1;
}

/** The Luhn check digit test payment card numbers carry. */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return digits.length > 0 && sum % 10 === 0;
}

function digitsOf(text: string): string {
  return text.replace(/\D/g, '');
}
