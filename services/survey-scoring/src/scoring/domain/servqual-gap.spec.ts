import { ServqualItem } from '@supportlens/contracts';
import { dimensionIndexOf, measureServqualGaps } from './servqual-gap';

describe('SERVQUAL gaps', () => {
  it('takes the short form: one rating per dimension, gap = perception − expectation', () => {
    // reliability 5 − 7 = −2; empathy 6 − 4 = +2; the other three are missing, not zero.
    const gaps = measureServqualGaps(
      { empathy: { expectation: 4, perception: 6 }, reliability: { expectation: 7, perception: 5 } },
      undefined,
    );
    expect(gaps).toEqual({
      scored: [
        { dimension: 'reliability', expectation: 7, perception: 5, gap: -2, items: 1 },
        { dimension: 'empathy', expectation: 4, perception: 6, gap: 2, items: 1 },
      ],
      missing: ['responsiveness', 'assurance', 'tangibles'],
    });
  });

  it('averages the items of a dimension in the long form', () => {
    // reliability: expectations 7, 6, 5 → mean 6; perceptions 5, 6, 4 → mean 5; gap 5 − 6 = −1.
    // tangibles: 3 and 4 expected (3.5), 5 and 6 perceived (5.5): gap +2.
    const items: ServqualItem[] = [
      { dimension: 'reliability', expectation: 7, perception: 5 },
      { dimension: 'tangibles', expectation: 3, perception: 5 },
      { dimension: 'reliability', expectation: 6, perception: 6 },
      { dimension: 'reliability', expectation: 5, perception: 4 },
      { dimension: 'tangibles', expectation: 4, perception: 6 },
    ];
    expect(measureServqualGaps(undefined, items)?.scored).toEqual([
      { dimension: 'reliability', expectation: 6, perception: 5, gap: -1, items: 3 },
      { dimension: 'tangibles', expectation: 3.5, perception: 5.5, gap: 2, items: 2 },
    ]);
  });

  it('averages the short-form rating and the long-form items of a dimension together', () => {
    // assurance: short form 7 → 4, items 6 → 6 and 5 → 5: expectations (7 + 6 + 5) / 3 = 6,
    // perceptions (4 + 6 + 5) / 3 = 5, gap 5 − 6 = −1: every item counts once (averaging the two
    // forms' gaps instead, −3 and 0, would give −1.5).
    const gaps = measureServqualGaps({ assurance: { expectation: 7, perception: 4 } }, [
      { dimension: 'assurance', expectation: 6, perception: 6 },
      { dimension: 'assurance', expectation: 5, perception: 5 },
    ]);
    expect(gaps?.scored).toEqual([
      { dimension: 'assurance', expectation: 6, perception: 5, gap: -1, items: 3 },
    ]);
    expect(gaps?.missing).toEqual(['reliability', 'responsiveness', 'empathy', 'tangibles']);
  });

  it('keeps non-integer means: 2 items expected 7 and 6, perceived 5 and 5 → 6.5, 5, gap −1.5', () => {
    const gaps = measureServqualGaps(undefined, [
      { dimension: 'empathy', expectation: 7, perception: 5 },
      { dimension: 'empathy', expectation: 6, perception: 5 },
    ]);
    expect(gaps?.scored[0]).toMatchObject({ expectation: 6.5, perception: 5, gap: -1.5, items: 2 });
  });

  it('is undefined when nothing was answered', () => {
    expect(measureServqualGaps(undefined, undefined)).toBeUndefined();
    expect(measureServqualGaps({}, [])).toBeUndefined();
    expect(measureServqualGaps(null, null)).toBeUndefined();
    expect(measureServqualGaps({ reliability: null as never }, undefined)).toBeUndefined();
  });

  it('knows only the five dimensions, by their own names', () => {
    expect(
      ['reliability', 'responsiveness', 'assurance', 'empathy', 'tangibles'].map(dimensionIndexOf),
    ).toEqual([0, 1, 2, 3, 4]);
    expect(dimensionIndexOf('constructor')).toBe(-1);
    expect(dimensionIndexOf('price')).toBe(-1);
  });
});
