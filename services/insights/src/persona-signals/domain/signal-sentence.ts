import { Against, Comparison, SignalReading } from './evaluate-segment';
import { Segment } from '../../customers/domain/segments';

const ATTRIBUTE_NAMES: Record<Segment['attribute'], string> = {
  industry: 'industry',
  plan: 'plan',
  region: 'region',
  companySize: 'company size',
  role: 'role',
};

/** `retail (industry)`; a pair `retail (industry) × 51-200 (company size)`. */
export function segmentLabel(segment: Segment): string {
  const one = `${segment.value} (${ATTRIBUTE_NAMES[segment.attribute]})`;
  return segment.and ? `${one} × ${segment.and.value} (${ATTRIBUTE_NAMES[segment.and.attribute]})` : one;
}

/**
 * The signal in one sentence a marketer can act on, led by the headline comparison with the other
 * one as context when it could be tested, e.g.
 *
 *   "retail (industry) asks 3.1× more about billing.bulk_import than the rest of the base (31.0% of
 *    its cases vs 10.0%), up 80% month on month"
 *
 * The context is descriptive (its own test is in the evidence). Pure.
 */
export function signalSentence(reading: SignalReading, headline: Against): string {
  const lead = reading.comparisons[headline];
  if (!lead) throw new RangeError(`no ${headline} comparison to lead ${reading.key} with`);
  const other = reading.comparisons[headline === 'base' ? 'past' : 'base'];
  const who = segmentLabel(reading.segment);
  const context = other ? `, ${contextOf(reading, other)}` : '';
  switch (reading.dimension) {
    case 'issue':
    case 'channel': {
      const what = reading.dimension === 'issue' ? 'asks' : `uses ${reading.item}`;
      const about = reading.dimension === 'issue' ? ` about ${reading.item}` : '';
      const shares = `(${percent(lead.segment.share)} of its cases vs ${percent(lead.reference.share)})`;
      if (headline === 'base') {
        if (lead.ratio === null) {
          return `${who} ${what}${about} (${percent(lead.segment.share)} of its cases) where the rest of the base never does${context}`;
        }
        return `${who} ${what} ${times(lead.ratio)} ${lead.ratio >= 1 ? 'more' : 'less'}${about} than the rest of the base ${shares}${context}`;
      }
      if (lead.ratio === null) {
        return `${who} ${what}${about} for the first time (${percent(lead.segment.share)} of its cases, none the month before)${context}`;
      }
      return `${who} ${what}${about} ${relative(lead.ratio)} than the month before ${shares}${context}`;
    }
    case 'satisfaction':
      if (reading.item === 'nps') {
        return headline === 'base'
          ? `${who} has an NPS of ${signedNumber(lead.segment.nps)} vs ${signedNumber(lead.reference.nps)} for the rest of the base (${signedNumber(lead.differencePoints)} points)${context}`
          : `${who}'s NPS went from ${signedNumber(lead.reference.nps)} to ${signedNumber(lead.segment.nps)} month on month (${signedNumber(lead.differencePoints)} points)${context}`;
      }
      return headline === 'base'
        ? `${who} is satisfied in ${percent(lead.segment.share)} of CSAT answers vs ${percent(lead.reference.share)} for the rest of the base (${signedNumber(lead.differencePoints)} points)${context}`
        : `${who}'s CSAT went from ${percent(lead.reference.share)} to ${percent(lead.segment.share)} satisfied month on month (${signedNumber(lead.differencePoints)} points)${context}`;
  }
}

/**
 * The sentence of a cleared signal: what the segment looks like now, or why it cannot be said
 * (too few cases left in the window). Pure.
 */
export function clearedSentence(
  segment: Segment,
  dimension: SignalReading['dimension'],
  item: string,
  reading: SignalReading | undefined,
  headline: Against,
): string {
  const lead = reading?.comparisons[headline] ? headline : reading?.comparisons.base ? 'base' : 'past';
  if (reading?.comparisons[lead]) return `No longer a signal: ${signalSentence(reading, lead)}`;
  const what = dimension === 'satisfaction' ? item.toUpperCase() : `${dimension} ${item}`;
  return `No longer a signal: ${segmentLabel(segment)} has too few cases or answers in the window to compare its ${what}`;
}

/** The other comparison, as a trailing clause. */
function contextOf(reading: SignalReading, comparison: Comparison): string {
  if (reading.dimension === 'satisfaction') {
    const points = `${Math.abs(round1(comparison.differencePoints))} points`;
    if (comparison.against === 'past') {
      if (round1(comparison.differencePoints) === 0) return 'unchanged month on month';
      return `${comparison.differencePoints > 0 ? 'up' : 'down'} ${points} month on month`;
    }
    if (round1(comparison.differencePoints) === 0) return 'level with the rest of the base';
    return `${points} ${comparison.differencePoints > 0 ? 'above' : 'below'} the rest of the base`;
  }
  if (comparison.against === 'past') {
    if (comparison.ratio === null) return 'new since the month before';
    const change = Math.round((comparison.ratio - 1) * 100);
    if (change === 0) return 'as often as the month before';
    return `${change > 0 ? 'up' : 'down'} ${Math.abs(change)}% month on month`;
  }
  if (comparison.ratio === null) return 'where the rest of the base never does';
  return `${times(comparison.ratio)} the rest of the base`;
}

/** `3.1×` for more, and for less the inverse: a ratio of 0.25 is "4.0× less". */
function times(ratio: number): string {
  const factor = ratio >= 1 ? ratio : 1 / ratio;
  return `${factor.toFixed(1)}×`;
}

/** `80% more`, `45% less`, `as often`… for a month-on-month ratio. */
function relative(ratio: number): string {
  const change = Math.round((ratio - 1) * 100);
  if (change === 0) return 'as often';
  return `${Math.abs(change)}% ${change > 0 ? 'more' : 'less'}`;
}

function percent(share: number | undefined): string {
  return `${((share ?? 0) * 100).toFixed(1)}%`;
}

function signedNumber(value: number | undefined): string {
  const rounded = round1(value ?? 0);
  return rounded > 0 ? `+${rounded}` : `${rounded}`;
}

function round1(value: number): number {
  const rounded = Math.round(value * 10) / 10;
  return Object.is(rounded, -0) ? 0 : rounded;
}
