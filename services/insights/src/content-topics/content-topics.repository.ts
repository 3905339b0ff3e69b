import { BulkColumn, bulkUpsert } from '@supportlens/persistence';
import { EntityManager } from 'typeorm';
import { DayRange, parseDay, WindowPair } from '../windows/domain/utc-days';
import { groupsOf, termPoolSql, UNCLASSIFIED_CODE, WindowGroup } from '../windows/domain/window-case';
import { PoolSize, TopicCounts } from './domain/assess-topics';
import { WindowCounts } from './domain/topic-figures';
import { TopicSubject } from './domain/topic-key';
import { TopicStatus } from './domain/topic-transition';
import { ChannelCount, GroupCount, PhrasingCandidate } from './domain/topic-evidence';

/** An EntityManager or a DataSource: the API reads outside a transaction, the detector inside one. */
export type Queryable = Pick<EntityManager, 'query'>;

/**
 * The term-pool cases opened in [$2, $3) that hold any of the terms $1, once per (term, case). Read
 * through the partial index `case_facts_term_pool_opened` (the pool's cases only), so its cost follows
 * the pool's volume in the window, not the whole help desk's.
 */
export const TERM_CASES_SQL = `
SELECT DISTINCT t.term, f.phrasing, f.opened_at, f.source, f.case_id, f.issue_kind, f.channel,
       f.customer -> 'segment' AS segment
FROM insights.case_facts f
CROSS JOIN LATERAL jsonb_array_elements_text(f.terms) AS t(term)
WHERE f.opened_at >= $2 AND f.opened_at < $3 AND ${termPoolSql('f')}
  AND jsonb_typeof(f.terms) = 'array' AND f.terms ?| $1::text[] AND t.term = ANY($1::text[])`;

/** Advisory-lock namespace of content topics (two-int4 form; see satisfaction-rollup.repository.ts for 51_00x). */
export const TOPIC_LOCK_NAMESPACE = 53_101;

/** How many recent cases of a topic are read for its examples and issue kind. */
const RECENT_CASES = 20;

export interface StoredTopic {
  topic_key: string;
  kind: string;
  issue_code: string | null;
  term: string | null;
  status: TopicStatus;
  score: number;
  rank: number | null;
  volume: number;
  previous_volume: number;
  growth: number | null;
  how_to_share: number;
  content_kind: string;
  evidence: Record<string, unknown>;
  window_days: number;
  as_of: Date;
  raised_at: Date;
  updated_at: Date;
  cleared_at: Date | null;
  version: number;
  last_event_id: string;
}

/** Cases of a topic in a window, by group (`none`/`all`, `segment.*`) and by channel. */
export interface TopicGroupCounts {
  segments: GroupCount[];
  channels: ChannelCount[];
}

export interface RecentCase extends PhrasingCandidate {
  issueKind: string | null;
}

/** The base a topic's segment shares are compared with: every case of the window, per group. */
export interface GroupBase {
  groups: GroupCount[];
  total: number;
}

/** An optional segment filter: `segment.industry` = `retail`. */
export type SegmentFilter = WindowGroup | null;

const ISSUE_COUNT_COLUMNS = [
  ['cases', 'cases'],
  ['how_to_cases', 'howToCases'],
  ['escalated_cases', 'escalatedCases'],
  ['reopened_cases', 'reopenedCases'],
  ['negative_tone_cases', 'negativeToneCases'],
] as const;

/** The SQL of content topics: window sums, evidence, the state table. Every method runs on the caller's `q`. */
export class ContentTopicsRepository {
  /** The open topics and the time they were last announced at. */
  async openTopics(q: Queryable): Promise<Array<{ topic_key: string; as_of: Date }>> {
    return q.query(`SELECT topic_key, as_of FROM insights.content_topics WHERE status = 'open'`);
  }

  /** Transaction-scoped locks on the topics, in sorted order so two batches never deadlock. */
  async lock(manager: EntityManager, keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    await manager.query(
      `SELECT pg_advisory_xact_lock($1::int, k.lock_key)
       FROM (SELECT DISTINCT hashtext(key) AS lock_key FROM unnest($2::text[]) AS u(key) ORDER BY 1) k`,
      [TOPIC_LOCK_NAMESPACE, [...keys]],
    );
  }

  async stored(q: Queryable, keys: readonly string[]): Promise<Map<string, StoredTopic>> {
    if (keys.length === 0) return new Map();
    const rows: StoredTopic[] = await q.query(
      `SELECT * FROM insights.content_topics WHERE topic_key = ANY($1::text[])`,
      [[...keys]],
    );
    return new Map(rows.map((row) => [row.topic_key, row]));
  }

  /**
   * The latest UTC day (a day number) with a case of each of these topics, from the windows: the
   * topic's own clock.
   */
  async latestDays(q: Queryable, subjects: readonly TopicSubject[]): Promise<Map<string, number>> {
    const codes = subjects.filter((s) => s.kind === 'issue_code').map((s) => s.value);
    const terms = subjects.filter((s) => s.kind === 'term').map((s) => s.value);
    if (codes.length === 0 && terms.length === 0) return new Map();
    // One index probe per topic (newest day first), whatever the length of its history.
    const rows: Array<{ key: string; day: number }> = await q.query(
      `SELECT 'issue:' || c.code AS key, (d.day - date '1970-01-01')::int AS day
       FROM unnest($1::text[]) AS c(code)
       CROSS JOIN LATERAL (
         SELECT day FROM insights.case_daily
         WHERE group_kind = 'none' AND group_value = 'all' AND issue_code = c.code AND cases > 0
         ORDER BY day DESC LIMIT 1) d
       UNION ALL
       SELECT 'term:' || t.term, (d.day - date '1970-01-01')::int
       FROM unnest($2::text[]) AS t(term)
       CROSS JOIN LATERAL (
         SELECT day FROM insights.term_daily WHERE term = t.term AND cases > 0
         ORDER BY day DESC LIMIT 1) d`,
      [codes, terms],
    );
    return new Map(rows.map((row) => [row.key, row.day]));
  }

  /** The status of each of these topics that was ever raised. */
  async statuses(q: Queryable, keys: readonly string[]): Promise<Map<string, TopicStatus>> {
    if (keys.length === 0) return new Map();
    const rows: Array<{ topic_key: string; status: TopicStatus }> = await q.query(
      `SELECT topic_key, status FROM insights.content_topics WHERE topic_key = ANY($1::text[])`,
      [[...keys]],
    );
    return new Map(rows.map((row) => [row.topic_key, row.status]));
  }

  /**
   * Every issue code's counts in both windows, in one group (`none`/`all` unless a segment is given);
   * `unclassified` is no topic (its cases feed the term pool). One statement over the group's days.
   */
  async issueCounts(q: Queryable, pair: WindowPair, group: SegmentFilter): Promise<Map<string, TopicCounts>> {
    const sums = ISSUE_COUNT_COLUMNS.flatMap(([column, alias]) => [
      `coalesce(sum(${column}) FILTER (WHERE day >= $4::date), 0)::int AS "${alias}"`,
      `coalesce(sum(${column}) FILTER (WHERE day <= $5::date), 0)::int AS "previous_${alias}"`,
    ]);
    const rows: Array<Record<string, string | number>> = await q.query(
      `SELECT issue_code, ${sums.join(', ')}
       FROM insights.case_daily
       WHERE group_kind = $1 AND group_value = $2 AND day BETWEEN $3::date AND $6::date
         AND issue_code <> '${UNCLASSIFIED_CODE}'
       GROUP BY issue_code
       HAVING sum(cases) > 0`,
      [
        group?.kind ?? 'none',
        group?.value ?? 'all',
        pair.previous.first,
        pair.current.first,
        pair.previous.last,
        pair.current.last,
      ],
    );
    const countsOf = (row: Record<string, string | number>, prefix: '' | 'previous_'): WindowCounts => ({
      cases: Number(row[`${prefix}cases`]),
      howToCases: Number(row[`${prefix}howToCases`]),
      escalatedCases: Number(row[`${prefix}escalatedCases`]),
      reopenedCases: Number(row[`${prefix}reopenedCases`]),
      negativeToneCases: Number(row[`${prefix}negativeToneCases`]),
    });
    return new Map(
      rows.map((row) => [
        String(row.issue_code),
        { current: countsOf(row, ''), previous: countsOf(row, 'previous_') },
      ]),
    );
  }

  /** These terms' counts in both windows (`terms` null: every term with at least `minCases` now). */
  async termCounts(
    q: Queryable,
    pair: WindowPair,
    terms: readonly string[] | null,
    minCases = 1,
  ): Promise<Map<string, TopicCounts>> {
    if (terms !== null && terms.length === 0) return new Map();
    const rows: Array<{
      term: string;
      cases: number;
      how_to: number;
      previous_cases: number;
      previous_how_to: number;
    }> = await q.query(
      `SELECT term,
                coalesce(sum(cases) FILTER (WHERE day >= $2::date), 0)::int AS cases,
                coalesce(sum(how_to_cases) FILTER (WHERE day >= $2::date), 0)::int AS how_to,
                coalesce(sum(cases) FILTER (WHERE day <= $3::date), 0)::int AS previous_cases,
                coalesce(sum(how_to_cases) FILTER (WHERE day <= $3::date), 0)::int AS previous_how_to
         FROM insights.term_daily
         WHERE day BETWEEN $1::date AND $4::date AND ($5::text[] IS NULL OR term = ANY($5::text[]))
         GROUP BY term
         HAVING coalesce(sum(cases) FILTER (WHERE day >= $2::date), 0) >= $6`,
      [pair.previous.first, pair.current.first, pair.previous.last, pair.current.last, terms, minCases],
    );
    return new Map(
      rows.map((row) => [
        row.term,
        {
          current: { cases: row.cases, howToCases: row.how_to },
          previous: { cases: row.previous_cases, howToCases: row.previous_how_to },
        },
      ]),
    );
  }

  /** The term pool's size in both windows. */
  async poolSize(q: Queryable, pair: WindowPair): Promise<PoolSize> {
    const [row]: Array<{ current: number; previous: number }> = await q.query(
      `SELECT coalesce(sum(pool_cases) FILTER (WHERE day >= $2::date), 0)::int AS current,
              coalesce(sum(pool_cases) FILTER (WHERE day <= $3::date), 0)::int AS previous
       FROM insights.group_daily
       WHERE group_kind = 'none' AND group_value = 'all' AND day BETWEEN $1::date AND $4::date`,
      [pair.previous.first, pair.current.first, pair.previous.last, pair.current.last],
    );
    return { current: row?.current ?? 0, previous: row?.previous ?? 0 };
  }

  /** Every case of the window per group (the base of segment lifts), and their total. */
  async groupBase(q: Queryable, window: DayRange): Promise<GroupBase> {
    const rows: Array<{ group_kind: string; group_value: string; cases: number }> = await q.query(
      `SELECT group_kind, group_value, sum(cases)::int AS cases FROM insights.group_daily
       WHERE day BETWEEN $1::date AND $2::date GROUP BY 1, 2 HAVING sum(cases) > 0`,
      [window.first, window.last],
    );
    const groups = rows.map((r) => ({ groupKind: r.group_kind, groupValue: r.group_value, cases: r.cases }));
    const total = groups.find((g) => g.groupKind === 'none' && g.groupValue === 'all')?.cases ?? 0;
    return { groups, total };
  }

  /** The issue codes' cases in the window per segment value and per channel, from case_daily. */
  async issueGroupCounts(
    q: Queryable,
    codes: readonly string[],
    window: DayRange,
  ): Promise<Map<string, TopicGroupCounts>> {
    const result = new Map<string, TopicGroupCounts>(
      codes.map((code) => [code, { segments: [], channels: [] }]),
    );
    if (codes.length === 0) return result;
    const rows: Array<{
      issue_code: string;
      group_kind: string;
      group_value: string;
      channel: string;
      cases: number;
    }> = await q.query(
      `SELECT issue_code, group_kind, group_value, channel, sum(cases)::int AS cases
         FROM insights.case_daily
         WHERE issue_code = ANY($1::text[]) AND day BETWEEN $2::date AND $3::date
         GROUP BY 1, 2, 3, 4 HAVING sum(cases) > 0`,
      [[...codes], window.first, window.last],
    );
    const segments = new Map<string, Map<string, GroupCount>>();
    for (const row of rows) {
      const counts = result.get(row.issue_code)!;
      if (row.group_kind === 'none') {
        counts.channels.push({ channel: row.channel, cases: row.cases });
        continue;
      }
      const byGroup = segments.get(row.issue_code) ?? new Map<string, GroupCount>();
      segments.set(row.issue_code, byGroup);
      const id = `${row.group_kind}\u0000${row.group_value}`;
      const group = byGroup.get(id) ?? { groupKind: row.group_kind, groupValue: row.group_value, cases: 0 };
      group.cases += row.cases;
      byGroup.set(id, group);
    }
    for (const [code, byGroup] of segments) result.get(code)!.segments = [...byGroup.values()];
    return result;
  }

  /**
   * The latest cases of each issue code opened in the window (at most {@link RECENT_CASES} each): their
   * phrasings are the examples, their issue kind the code's. An index range per code
   * (`case_facts_issue_code_opened`), never the code's history.
   */
  async recentIssueCases(
    q: Queryable,
    codes: readonly string[],
    window: DayRange,
    segment: SegmentFilter = null,
  ): Promise<Map<string, RecentCase[]>> {
    const result = new Map<string, RecentCase[]>(codes.map((code) => [code, []]));
    if (codes.length === 0) return result;
    const { from, to } = instants(window);
    const rows: Array<RecentCaseRow & { code: string }> = await q.query(
      `SELECT c.code, f.phrasing, f.opened_at, f.source, f.case_id, f.issue_kind
       FROM unnest($1::text[]) AS c(code)
       CROSS JOIN LATERAL (
         SELECT phrasing, opened_at, source, case_id, issue_kind FROM insights.case_facts
         WHERE issue_code = c.code AND opened_at >= $2 AND opened_at < $3
           AND ($4::text IS NULL OR customer -> 'segment' ->> $4::text = $5::text)
         ORDER BY opened_at DESC, source, case_id
         LIMIT ${RECENT_CASES}
       ) f`,
      [[...codes], from, to, segmentAttribute(segment), segment?.value ?? null],
    );
    for (const row of rows) result.get(row.code)!.push(toRecentCase(row));
    return result;
  }

  /**
   * The term-pool cases of the window that contain any of these terms, per term: their counts per
   * segment value and channel, and the latest {@link RECENT_CASES} for examples. One range of the
   * window's term-pool cases (see TERM_CASES_SQL), never a term's history.
   */
  async termCases(
    q: Queryable,
    terms: readonly string[],
    window: DayRange,
  ): Promise<Map<string, { groups: TopicGroupCounts; recent: RecentCase[] }>> {
    const result = new Map(
      terms.map((term) => [
        term,
        { groups: { segments: [], channels: [] } as TopicGroupCounts, recent: [] as RecentCase[] },
      ]),
    );
    if (terms.length === 0) return result;
    const { from, to } = instants(window);
    const rows: Array<RecentCaseRow & { term: string; channel: string; segment: unknown }> = await q.query(
      TERM_CASES_SQL,
      [[...terms], from, to],
    );
    const segments = new Map<string, Map<string, GroupCount>>();
    const channels = new Map<string, Map<string, number>>();
    for (const row of rows) {
      const entry = result.get(row.term)!;
      entry.recent.push(toRecentCase(row));
      const byChannel = channels.get(row.term) ?? new Map<string, number>();
      channels.set(row.term, byChannel);
      byChannel.set(row.channel, (byChannel.get(row.channel) ?? 0) + 1);
      const byGroup = segments.get(row.term) ?? new Map<string, GroupCount>();
      segments.set(row.term, byGroup);
      for (const group of groupsOf(row.segment).slice(1)) {
        const id = `${group.kind}\u0000${group.value}`;
        const count = byGroup.get(id) ?? { groupKind: group.kind, groupValue: group.value, cases: 0 };
        count.cases += 1;
        byGroup.set(id, count);
      }
    }
    for (const [term, entry] of result) {
      entry.groups = {
        segments: [...(segments.get(term)?.values() ?? [])],
        channels: [...(channels.get(term)?.entries() ?? [])].map(([channel, cases]) => ({ channel, cases })),
      };
    }
    return result;
  }

  async saveStates(manager: EntityManager, rows: readonly Record<string, unknown>[]): Promise<void> {
    await bulkUpsert(manager, {
      table: 'insights.content_topics',
      columns: STATE_COLUMNS,
      rows: [...rows],
      conflictColumns: ['topic_key'],
    });
  }

  /**
   * Removes these examples (exactly as pickExamples wrote them) from the stored evidence of these
   * topics, in one statement; the caller holds the topics' locks. The rest of the evidence and the
   * figures stay as announced. Returns how many topics changed.
   */
  async removeExamples(
    manager: EntityManager,
    keys: readonly string[],
    examples: readonly string[],
  ): Promise<number> {
    if (keys.length === 0 || examples.length === 0) return 0;
    const [, changed] = (await manager.query(
      `UPDATE insights.content_topics
       SET evidence = jsonb_set(evidence, '{examples}', (evidence -> 'examples') - $2::text[])
       WHERE topic_key = ANY($1::text[]) AND jsonb_typeof(evidence -> 'examples') = 'array'
         AND evidence -> 'examples' ?| $2::text[]`,
      [[...keys], [...examples]],
    )) as [unknown, number];
    return changed;
  }

  /** The latest event time of any case: "now" for a catch-up's end. Null before any case. */
  async latestCaseTime(q: Queryable): Promise<Date | null> {
    const [row]: Array<{ at: Date | null }> = await q.query(
      `SELECT max(event_time) AS at FROM insights.case_facts`,
    );
    return row?.at ?? null;
  }

  /** The latest time the detector evaluated at: "now" for the API's default period. Null before any topic. */
  async clock(q: Queryable): Promise<Date | null> {
    const [row]: Array<{ as_of: Date | null }> = await q.query(
      `SELECT max(as_of) AS as_of FROM insights.content_topics`,
    );
    return row?.as_of ?? null;
  }
}

interface RecentCaseRow {
  phrasing: string | null;
  opened_at: Date;
  source: string;
  case_id: string;
  issue_kind: string | null;
}

function toRecentCase(row: RecentCaseRow): RecentCase {
  return {
    phrasing: row.phrasing,
    openedAt: row.opened_at.toISOString(),
    source: row.source,
    caseId: row.case_id,
    issueKind: row.issue_kind,
  };
}

/** A day range as the instants `[from, to)`: the first day's start and the day after the last. */
export function instants(range: DayRange): { from: Date; to: Date } {
  const day = 86_400_000;
  return { from: new Date(parseDay(range.first) * day), to: new Date((parseDay(range.last) + 1) * day) };
}

function segmentAttribute(segment: SegmentFilter): string | null {
  return segment ? segment.kind.replace(/^segment\./, '') : null;
}

export const STATE_COLUMNS: BulkColumn[] = [
  { name: 'topic_key', type: 'text' },
  { name: 'kind', type: 'text' },
  { name: 'issue_code', type: 'text' },
  { name: 'term', type: 'text' },
  { name: 'status', type: 'text' },
  { name: 'score', type: 'double precision' },
  { name: 'rank', type: 'int' },
  { name: 'volume', type: 'int' },
  { name: 'previous_volume', type: 'int' },
  { name: 'growth', type: 'double precision' },
  { name: 'how_to_share', type: 'double precision' },
  { name: 'content_kind', type: 'text' },
  { name: 'evidence', type: 'jsonb' },
  { name: 'window_days', type: 'int' },
  { name: 'as_of', type: 'timestamptz' },
  { name: 'raised_at', type: 'timestamptz' },
  { name: 'updated_at', type: 'timestamptz' },
  { name: 'cleared_at', type: 'timestamptz' },
  { name: 'version', type: 'int' },
  { name: 'last_event_id', type: 'text' },
];
