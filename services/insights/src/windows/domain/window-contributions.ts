import { WindowCase } from './window-case';

/** What one case adds to a row of `insights.case_daily` (group × issue code × channel × day). */
export interface CaseDailyRow {
  groupKind: string;
  groupValue: string;
  issueCode: string;
  channel: string;
  day: string;
  cases: number;
  howToCases: number;
  escalatedCases: number;
  reopenedCases: number;
  negativeToneCases: number;
}

/** What one term-pool case adds to a row of `insights.term_daily` (term × day). */
export interface TermDailyRow {
  term: string;
  day: string;
  cases: number;
  howToCases: number;
}

/**
 * What one case adds to a row of `insights.group_daily` (group × day): every case, whatever its
 * code, so a topic's share of a segment can be compared with the segment's share of all cases, and
 * the term pool's size, which an emerging term's rate is measured against.
 */
export interface GroupDailyRow {
  groupKind: string;
  groupValue: string;
  day: string;
  cases: number;
  howToCases: number;
  poolCases: number;
}

export interface WindowRows {
  caseDaily: CaseDailyRow[];
  termDaily: TermDailyRow[];
  groupDaily: GroupDailyRow[];
}

/** A case version as stored before the batch (null: new) and as stored after it. */
export interface WindowCaseChange {
  before: WindowCase | null;
  after: WindowCase | null;
}

const flag = (value: boolean): number => (value ? 1 : 0);

/** The rows one case adds: one per group in `case_daily` and `group_daily`, one per term in `term_daily`. Pure. */
export function windowRowsOf(c: WindowCase): WindowRows {
  const howTo = flag(c.howTo);
  return {
    caseDaily: c.groups.map((group) => ({
      groupKind: group.kind,
      groupValue: group.value,
      issueCode: c.issueCode,
      channel: c.channel,
      day: c.day,
      cases: 1,
      howToCases: howTo,
      escalatedCases: flag(c.escalated),
      reopenedCases: flag(c.reopened),
      negativeToneCases: flag(c.negativeTone),
    })),
    termDaily: c.inTermPool ? c.terms.map((term) => ({ term, day: c.day, cases: 1, howToCases: howTo })) : [],
    groupDaily: c.groups.map((group) => ({
      groupKind: group.kind,
      groupValue: group.value,
      day: c.day,
      cases: 1,
      howToCases: howTo,
      poolCases: flag(c.inTermPool),
    })),
  };
}

/**
 * The rows to ADD so that the windows follow the changes: each case's stored contribution taken out
 * (−before) and its new one put in (+after), netted per row key. Counts are integers, so netting here
 * is exact; a row whose every count nets to zero is left out, so a version that changes nothing the
 * windows count (a status change, a redelivery) touches no row. Rows come sorted by key, the order the
 * statement locks them in. Pure.
 */
export function windowDeltas(changes: readonly WindowCaseChange[]): WindowRows {
  const caseDaily = new Netted<CaseDailyRow>(
    (r) => [r.groupKind, r.groupValue, r.issueCode, r.channel, r.day],
    ['cases', 'howToCases', 'escalatedCases', 'reopenedCases', 'negativeToneCases'],
  );
  const termDaily = new Netted<TermDailyRow>((r) => [r.term, r.day], ['cases', 'howToCases']);
  const groupDaily = new Netted<GroupDailyRow>(
    (r) => [r.groupKind, r.groupValue, r.day],
    ['cases', 'howToCases', 'poolCases'],
  );
  for (const { before, after } of changes) {
    for (const [version, sign] of [
      [before, -1],
      [after, 1],
    ] as const) {
      if (!version) continue;
      const rows = windowRowsOf(version);
      for (const row of rows.caseDaily) caseDaily.add(row, sign);
      for (const row of rows.termDaily) termDaily.add(row, sign);
      for (const row of rows.groupDaily) groupDaily.add(row, sign);
    }
  }
  return { caseDaily: caseDaily.rows(), termDaily: termDaily.rows(), groupDaily: groupDaily.rows() };
}

/** Rows summed per key, zero rows dropped, sorted by key (code-point order, as `COLLATE "C"`). */
class Netted<Row extends object> {
  private readonly sums = new Map<string, { key: string[]; row: Row }>();

  constructor(
    private readonly keyOf: (row: Row) => string[],
    private readonly counts: ReadonlyArray<keyof Row>,
  ) {}

  add(row: Row, sign: 1 | -1): void {
    const key = this.keyOf(row);
    // Key parts are validated text, which never holds U+0000 (see findUnstorableJson): a safe separator,
    // and several times cheaper than JSON.stringify here, where every case adds a row per group.
    const id = key.join('\u0000');
    const entry = this.sums.get(id);
    if (!entry) {
      const signed = { ...row };
      // 0 − x, not −1 × x: a count of 0 stays 0, not −0.
      for (const count of this.counts)
        (signed[count] as number) = sign === 1 ? (row[count] as number) : 0 - (row[count] as number);
      this.sums.set(id, { key, row: signed });
      return;
    }
    for (const count of this.counts)
      (entry.row[count] as number) += sign === 1 ? (row[count] as number) : 0 - (row[count] as number);
  }

  rows(): Row[] {
    return [...this.sums.values()]
      .filter(({ row }) => this.counts.some((count) => row[count] !== 0))
      .sort((a, b) => compareKeys(a.key, b.key))
      .map(({ row }) => row);
  }
}

function compareKeys(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  }
  return 0;
}
