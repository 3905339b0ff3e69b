import { toCsvDocument } from '../http/csv';
import { PersonaSignalView } from './persona-signals.view';

export const PERSONA_SIGNALS_CSV_HEADER = [
  'key',
  'status',
  'attribute',
  'segment_value',
  'and_attribute',
  'and_value',
  'dimension',
  'item',
  'headline',
  'direction',
  'sentence',
  'score',
  'ratio',
  'difference_points',
  'effect_size',
  'test',
  'p_value',
  'adjusted_p_value',
  'segment_count',
  'segment_total',
  'reference_count',
  'reference_total',
  'window_start',
  'window_end',
  'raised_at',
  'updated_at',
  'cleared_at',
];

/** One line per signal; the test, p-values and counts are the headline comparison's. Pure. */
export function personaSignalsCsv(items: readonly PersonaSignalView[]): string {
  return toCsvDocument(
    PERSONA_SIGNALS_CSV_HEADER,
    items.map((item) => {
      const lead = item.comparisons.find((comparison) => comparison.against === item.headline);
      return [
        item.key,
        item.status,
        item.segment.attribute,
        item.segment.value,
        item.segment.and?.attribute,
        item.segment.and?.value,
        item.dimension,
        item.item,
        item.headline,
        item.direction,
        item.sentence,
        item.score,
        item.ratio,
        item.differencePoints,
        item.effectSize,
        lead?.test,
        lead?.pValue,
        lead?.adjustedPValue,
        lead?.segment.count,
        lead?.segment.total,
        lead?.reference.count,
        lead?.reference.total,
        item.window.start,
        item.window.end,
        item.raisedAt,
        item.updatedAt,
        item.clearedAt,
      ];
    }),
  );
}
