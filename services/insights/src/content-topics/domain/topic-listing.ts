import { dayNumber, windowPairEndingOn, WindowPair } from '../../windows/domain/utc-days';
import { TopicScore } from './score-topic';
import { TermSignificance } from './term-significance';
import { TopicFigures } from './topic-figures';
import { TopicKind, TopicSubject } from './topic-key';
import { TopicStatus } from './topic-transition';

export const TOPIC_PERIODS = ['7d', '30d', '90d'] as const;
export type TopicPeriod = (typeof TOPIC_PERIODS)[number];
export const TOPIC_SORTS = ['score', 'volume', 'growth'] as const;
export type TopicSort = (typeof TOPIC_SORTS)[number];
export const TOPIC_STATUS_FILTERS = ['open', 'all'] as const;
export type TopicStatusFilter = (typeof TOPIC_STATUS_FILTERS)[number];

/** The longest range a listing sums (`from`/`to`): the previous window doubles it. */
export const MAX_LISTING_DAYS = 366;

const DAY_MS = 86_400_000;

export interface PeriodRequest {
  period?: TopicPeriod;
  from?: string;
  to?: string;
}

export type ResolvedPeriod = { ok: true; pair: WindowPair } | { ok: false; field: string; message: string };

/**
 * The windows a listing covers, in whole UTC days:
 *
 * - `from` and `to`: from the day of `from` through the day before `to` rounded up to a day boundary
 *   (`to` exclusive, as in /v1/metrics/satisfaction);
 * - `period` (7d, 30d, 90d; default `defaultDays`): that many days ending with the day before `to`
 *   rounded up, or, without `to`, with the day of `clock` — the detector's latest evaluation, so the
 *   default listing shows the figures the events showed;
 *
 * and the window as long right before. Pure.
 */
export function resolvePeriod(request: PeriodRequest, clock: Date, defaultDays: number): ResolvedPeriod {
  if (request.period !== undefined && request.from !== undefined) {
    return {
      ok: false,
      field: 'period',
      message: 'period and from cannot both be given: one says where the window starts',
    };
  }
  const lastDay =
    request.to === undefined ? dayNumber(clock) : Math.ceil(new Date(request.to).getTime() / DAY_MS) - 1;
  if (request.from !== undefined) {
    const firstDay = dayNumber(request.from);
    if (firstDay > lastDay) return { ok: false, field: 'from', message: 'from must be earlier than to' };
    const days = lastDay - firstDay + 1;
    if (days > MAX_LISTING_DAYS) {
      return {
        ok: false,
        field: 'from',
        message: `the range is longer than ${MAX_LISTING_DAYS} days: narrow it`,
      };
    }
    return { ok: true, pair: windowPairEndingOn(lastDay, days) };
  }
  const days = request.period === undefined ? defaultDays : Number.parseInt(request.period, 10);
  return { ok: true, pair: windowPairEndingOn(lastDay, days) };
}

/** A topic of a listing, before its evidence is read. */
export interface ListedTopic {
  key: string;
  subject: TopicSubject;
  figures: TopicFigures;
  score: TopicScore;
  rank: number | null;
  significance: TermSignificance | null;
  /** The insight's status, or null when the topic was never raised. */
  status: TopicStatus | null;
}

export interface ListingFilter {
  minScore: number;
  status: TopicStatusFilter;
  kind?: TopicKind;
  issueCode?: string;
  sort: TopicSort;
  limit: number;
  /** The sort key of the last item of the previous page. */
  after?: readonly [number, string];
}

export interface ListingPage {
  items: ListedTopic[];
  /** The sort key of the last item when there is a next page. */
  next: [number, string] | null;
}

/** Sort value of growth for a new topic (no previous cases): new topics come first. */
export const NEW_TOPIC_GROWTH = 1e9;

export function sortValue(topic: ListedTopic, sort: TopicSort): number {
  if (sort === 'volume') return topic.figures.volume;
  if (sort === 'growth') return topic.figures.growth ?? NEW_TOPIC_GROWTH;
  return topic.score.score;
}

/**
 * Filters, sorts (the sort value descending, then the key in code-point order) and pages a listing;
 * keyset paging: the next page starts after the given sort key. Pure.
 */
export function listTopics(topics: readonly ListedTopic[], filter: ListingFilter): ListingPage {
  const selected = topics
    .filter(
      (t) =>
        t.score.score >= filter.minScore &&
        (filter.status === 'all' || t.status === 'open') &&
        (filter.kind === undefined || t.subject.kind === filter.kind) &&
        (filter.issueCode === undefined ||
          (t.subject.kind === 'issue_code' && t.subject.value === filter.issueCode)),
    )
    .map((topic) => ({ topic, value: sortValue(topic, filter.sort) }))
    .sort((a, b) => b.value - a.value || compare(a.topic.key, b.topic.key));
  const after = filter.after;
  const start = after
    ? selected.findIndex((s) => s.value < after[0] || (s.value === after[0] && s.topic.key > after[1]))
    : 0;
  const rest = start < 0 ? [] : selected.slice(start);
  const page = rest.slice(0, filter.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((s) => s.topic),
    next: rest.length > filter.limit && last ? [last.value, last.topic.key] : null,
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
