/** A candidate as the draw sees it: who, how good, and the segment value it is drawn by. */
export interface DrawCandidate {
  customerId: string;
  score: number;
  /** The value of the segment attribute the group is drawn across; null when the customer has none. */
  stratum: string | null;
}

export interface StratumDraw {
  value: string | null;
  /** Candidates of this segment value the draw was offered. */
  offered: number;
  drawn: number;
}

export interface FocusGroupDraw<T extends DrawCandidate> {
  /** In draw order: round by round, the best remaining of each segment value in turn. */
  members: T[];
  /** ceil(size / number of segment values): no value holds more, unless `fill` topped the group up. */
  perStratumCap: number;
  /** Every segment value offered, in the order the rounds visit them (best candidate first). */
  strata: StratumDraw[];
}

export interface DrawOptions {
  /**
   * When the caps leave the group short (one segment value has most of the candidates), top it up
   * with the best remaining candidates whatever their segment. Default false: a smaller group that
   * is not one segment rather than a full one that is.
   */
  fill?: boolean;
}

/**
 * Draws a focus group of `size` across segment values so that it is not one segment: stratified,
 * round-robin by score. Candidates are split by segment value (customers without one form their own
 * stratum, `null`); each stratum is ranked by score (then customer id); the strata are visited in
 * the order of their best candidate; each round takes the next best of every stratum that is still
 * below the cap ceil(size / number of strata), until the group is full or no stratum can give more.
 *
 * So no stratum holds more than ceil(size / k) members (k strata), and when every stratum has at least
 * that many candidates the group is exactly `size`. Deterministic: the same candidates give the same
 * group in the same order. Pure.
 */
export function drawFocusGroup<T extends DrawCandidate>(
  candidates: readonly T[],
  size: number,
  options: DrawOptions = {},
): FocusGroupDraw<T> {
  const byStratum = new Map<string | null, T[]>();
  for (const candidate of candidates) {
    const list = byStratum.get(candidate.stratum);
    if (list) list.push(candidate);
    else byStratum.set(candidate.stratum, [candidate]);
  }
  const strata = [...byStratum.entries()].map(([value, list]) => ({ value, list: list.sort(byRank) }));
  strata.sort((a, b) => byRank(a.list[0], b.list[0]) || compareValues(a.value, b.value));

  const wanted = Math.max(0, Math.floor(size));
  const cap = strata.length === 0 ? 0 : Math.ceil(wanted / strata.length);
  const members: T[] = [];
  const drawn = strata.map(() => 0);
  for (let round = 0; round < cap && members.length < wanted; round++) {
    strata.forEach((stratum, i) => {
      if (members.length < wanted && round < stratum.list.length) {
        members.push(stratum.list[round]);
        drawn[i]++;
      }
    });
  }
  if (options.fill && members.length < wanted) {
    const rest = strata
      .flatMap((stratum, i) => stratum.list.slice(drawn[i]).map((candidate) => ({ candidate, i })))
      .sort((a, b) => byRank(a.candidate, b.candidate));
    for (const { candidate, i } of rest.slice(0, wanted - members.length)) {
      members.push(candidate);
      drawn[i]++;
    }
  }
  return {
    members,
    perStratumCap: cap,
    strata: strata.map((stratum, i) => ({
      value: stratum.value,
      offered: stratum.list.length,
      drawn: drawn[i],
    })),
  };
}

/** Score descending, then customer id ascending: the one ranking every list of candidates uses. */
function byRank(a: DrawCandidate, b: DrawCandidate): number {
  return b.score - a.score || (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0);
}

/** Segment values in code-point order, customers without one last. */
function compareValues(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}
