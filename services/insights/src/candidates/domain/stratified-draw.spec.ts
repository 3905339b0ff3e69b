import fc from 'fast-check';
import { DrawCandidate, drawFocusGroup } from './stratified-draw';

const candidate = (customerId: string, score: number, stratum: string | null): DrawCandidate => ({
  customerId,
  score,
  stratum,
});
const strataOf = (members: DrawCandidate[]) => members.map((member) => member.stratum);

describe('drawFocusGroup', () => {
  // Retail has the best candidates and the most of them; a top-12-by-score list would be all retail.
  const pool = [
    ...[95, 93, 91, 90, 88, 87, 86, 85].map((score, i) => candidate(`retail-${i}`, score, 'retail')),
    ...[80, 70, 60, 50].map((score, i) => candidate(`saas-${i}`, score, 'saas')),
    ...[75, 65, 55].map((score, i) => candidate(`health-${i}`, score, 'health')),
  ];

  it('draws round-robin across segment values by score, the best segment first', () => {
    const draw = drawFocusGroup(pool, 6);
    expect(draw.perStratumCap).toBe(2);
    expect(draw.members.map((member) => member.customerId)).toEqual([
      'retail-0',
      'saas-0',
      'health-0',
      'retail-1',
      'saas-1',
      'health-1',
    ]);
    expect(draw.strata).toEqual([
      { value: 'retail', offered: 8, drawn: 2 },
      { value: 'saas', offered: 4, drawn: 2 },
      { value: 'health', offered: 3, drawn: 2 },
    ]);
  });

  it('caps a segment at ceil(size / segments) and tops up only when asked to', () => {
    const draw = drawFocusGroup(pool, 12); // cap 4: retail 4, saas 4, health 3 → 11
    expect(draw.perStratumCap).toBe(4);
    expect(draw.members).toHaveLength(11);
    expect(draw.strata.map((stratum) => stratum.drawn)).toEqual([4, 4, 3]);
    const filled = drawFocusGroup(pool, 12, { fill: true });
    expect(filled.members).toHaveLength(12);
    expect(filled.members[11].customerId).toBe('retail-4'); // the best one left
    expect(filled.strata.map((stratum) => stratum.drawn)).toEqual([5, 4, 3]);
  });

  it('puts customers without the segment attribute in a stratum of their own', () => {
    const draw = drawFocusGroup(
      [candidate('a', 50, null), candidate('b', 60, 'retail'), candidate('c', 40, null)],
      4,
    );
    expect(strataOf(draw.members)).toEqual(['retail', null, null]);
    expect(draw.strata.map((stratum) => stratum.value)).toEqual(['retail', null]);
  });

  it('breaks score ties by customer id, so the same pool always gives the same group', () => {
    const tied = [candidate('c', 70, 'x'), candidate('a', 70, 'x'), candidate('b', 70, 'y')];
    expect(drawFocusGroup(tied, 2).members.map((member) => member.customerId)).toEqual(['a', 'b']);
    expect(drawFocusGroup([...tied].reverse(), 2).members.map((member) => member.customerId)).toEqual([
      'a',
      'b',
    ]);
  });

  it('draws nothing from nothing, and nothing for a size of 0', () => {
    expect(drawFocusGroup([], 12)).toEqual({ members: [], perStratumCap: 0, strata: [] });
    expect(drawFocusGroup(pool, 0).members).toEqual([]);
  });

  const arbitraryPool = fc.array(
    fc.record({
      customerId: fc.uuid(),
      score: fc.integer({ min: 0, max: 100 }),
      stratum: fc.constantFrom('a', 'b', 'c', 'd', null),
    }),
    { maxLength: 60 },
  );

  it('never lets a segment hold more than ceil(size / segments), and fills the group when every segment can (property)', () => {
    fc.assert(
      fc.property(arbitraryPool, fc.integer({ min: 1, max: 30 }), (candidates, size) => {
        const unique = [...new Map(candidates.map((c) => [c.customerId, c])).values()];
        const draw = drawFocusGroup(unique, size);
        const k = new Set(unique.map((c) => c.stratum)).size;
        const cap = Math.ceil(size / Math.max(1, k));
        const counts = new Map<string | null, number>();
        for (const member of draw.members) counts.set(member.stratum, (counts.get(member.stratum) ?? 0) + 1);
        for (const count of counts.values()) expect(count).toBeLessThanOrEqual(cap);
        expect(new Set(draw.members.map((member) => member.customerId)).size).toBe(draw.members.length);
        const offered = [...new Set(unique.map((c) => c.stratum))].map(
          (value) => unique.filter((c) => c.stratum === value).length,
        );
        expect(draw.members).toHaveLength(
          Math.min(
            size,
            offered.reduce((sum, n) => sum + Math.min(n, cap), 0),
          ),
        );
        if (offered.every((n) => n >= cap)) expect(draw.members).toHaveLength(Math.min(size, unique.length));
        // Within a segment, the better candidates are drawn first.
        for (const value of counts.keys()) {
          const drawn = draw.members.filter((m) => m.stratum === value).map((m) => m.score);
          const best = unique
            .filter((c) => c.stratum === value)
            .map((c) => c.score)
            .sort((x, y) => y - x)
            .slice(0, drawn.length);
          expect([...drawn].sort((x, y) => y - x)).toEqual(best);
        }
      }),
    );
  });
});
