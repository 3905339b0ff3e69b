import { maskPersonalData, MASKS } from '@supportlens/contracts';

const PLACEHOLDERS = new RegExp(
  Object.values(MASKS)
    .map((mask) => mask.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|'),
  'g',
);

/**
 * The text the model trains on and reads: personal data masked, and the mask placeholders dropped.
 * Kept, a placeholder like `[email]` would become the word "email" and weigh like one, so a case that
 * merely contains an address would lean towards codes about email. One function for training and
 * prediction, so both see the same text. Pure.
 */
export function modelInput(text: string): string {
  return maskPersonalData(text).replace(PLACEHOLDERS, ' ');
}
