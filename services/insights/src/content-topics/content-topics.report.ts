import { ValidationProblemException } from '@supportlens/platform';
import { DataSource } from 'typeorm';
import { decodeCursor, encodeCursor } from '../http/cursor';
import { rangeDays, WindowPair } from '../windows/domain/utc-days';
import { WindowGroup } from '../windows/domain/window-case';
import { ContentTopicsRepository, StoredTopic } from './content-topics.repository';
import { suggestContentKind } from './domain/content-kind';
import { ContentTopicSettings } from './domain/content-topic-settings';
import { rankTopics, scoreTopic } from './domain/score-topic';
import { termSignificance } from './domain/term-significance';
import { NO_CASES, topicFigures } from './domain/topic-figures';
import { parseTopicKey, TopicKind, topicKey, TopicSubject } from './domain/topic-key';
import {
  ListedTopic,
  listTopics,
  resolvePeriod,
  TopicPeriod,
  TopicSort,
  TopicStatusFilter,
} from './domain/topic-listing';
import { ContentTopicPage, ContentTopicView } from './content-topics.view';
import { readEvidence } from './topic-evidence.reader';

export interface ContentTopicsRequest {
  segment: WindowGroup | null;
  period?: TopicPeriod;
  from?: string;
  to?: string;
  issueCode?: string;
  kind?: TopicKind;
  minScore: number;
  status: TopicStatusFilter;
  sort: TopicSort;
  limit: number;
  cursor?: string;
}

/**
 * The content-topics listing: every issue code (and, without a segment filter, every term of the
 * term pool with at least `terms.minVolume` cases) of the period, computed from the daily windows at
 * request time — so any period is a sum of days —, scored and ranked by the detector's own pure
 * functions, with the status of its insight; evidence is read for the page only.
 */
export class ContentTopicsReport {
  private readonly repository = new ContentTopicsRepository();

  constructor(private readonly dataSource: DataSource) {}

  async page(request: ContentTopicsRequest, settings: ContentTopicSettings): Promise<ContentTopicPage> {
    const clock = (await this.repository.clock(this.dataSource)) ?? new Date();
    const period = resolvePeriod(request, clock, settings.windowDays);
    if (!period.ok) throw new ValidationProblemException([{ field: period.field, message: period.message }]);
    const { pair } = period;
    const after =
      request.cursor === undefined
        ? undefined
        : (decodeCursor(request.cursor, ['number', 'string']) as [number, string]);

    const topics = await this.topics(pair, request, settings);
    const page = listTopics(topics, {
      minScore: request.minScore,
      status: request.status,
      kind: request.kind,
      issueCode: request.issueCode,
      sort: request.sort,
      limit: request.limit,
      after,
    });
    const stored = await this.repository.stored(
      this.dataSource,
      page.items.map((item) => item.key),
    );
    const evidence = await readEvidence(
      this.repository,
      this.dataSource,
      page.items,
      pair.current,
      settings,
      request.segment,
    );
    return {
      window: windowView(pair.current),
      previousWindow: windowView(pair.previous),
      segment: request.segment && {
        attribute: request.segment.kind.replace(/^segment\./, ''),
        value: request.segment.value,
      },
      items: page.items.map((item) => toView(item, stored.get(item.key), evidence.get(item.key)!, settings)),
      nextCursor: page.next ? encodeCursor(page.next) : null,
    };
  }

  private async topics(
    pair: WindowPair,
    request: ContentTopicsRequest,
    settings: ContentTopicSettings,
  ): Promise<ListedTopic[]> {
    const ds = this.dataSource;
    const openKeys = (await this.repository.openTopics(ds)).map((topic) => topic.topic_key);
    const open = new Set(openKeys);
    const listed: ListedTopic[] = [];

    if (request.kind !== 'term') {
      const issues = await this.repository.issueCounts(ds, pair, request.segment);
      // Open issue topics without cases in the period are listed too (with zeros), unless the
      // listing is of a segment's topics.
      for (const key of request.segment === null ? openKeys : []) {
        const subject = parseTopicKey(key);
        if (subject?.kind === 'issue_code' && !issues.has(subject.value)) {
          issues.set(subject.value, { current: NO_CASES, previous: NO_CASES });
        }
      }
      const scored = [...issues].map(([code, counts]) => {
        const figures = topicFigures(counts.current, counts.previous);
        return { code, figures, score: scoreTopic(figures, settings.score) };
      });
      const ranks = rankTopics(
        scored.map((s) => ({ key: s.code, score: s.score.score, volume: s.figures.volume })),
      );
      for (const { code, figures, score } of scored) {
        const subject: TopicSubject = { kind: 'issue_code', value: code };
        listed.push({
          key: topicKey(subject),
          subject,
          figures,
          score,
          rank: ranks.get(code) ?? null,
          significance: null,
          status: null,
        });
      }
    }

    // Terms are counted over every customer: under a segment filter (or for one issue code) there are none.
    if (request.kind !== 'issue_code' && request.segment === null && request.issueCode === undefined) {
      const frequent = await this.repository.termCounts(ds, pair, null, settings.terms.minVolume);
      const openTerms = openKeys
        .map(parseTopicKey)
        .filter((s): s is TopicSubject => s?.kind === 'term' && !frequent.has(s.value))
        .map((s) => s.value);
      const terms = new Map([...frequent, ...(await this.repository.termCounts(ds, pair, openTerms))]);
      for (const term of openTerms)
        if (!terms.has(term)) terms.set(term, { current: NO_CASES, previous: NO_CASES });
      const pool = terms.size > 0 ? await this.repository.poolSize(ds, pair) : { current: 0, previous: 0 };
      for (const [term, counts] of terms) {
        const subject: TopicSubject = { kind: 'term', value: term };
        const figures = topicFigures(counts.current, counts.previous);
        listed.push({
          key: topicKey(subject),
          subject,
          figures,
          score: scoreTopic(figures, settings.score),
          rank: null,
          significance: termSignificance(
            {
              termCases: counts.current.cases,
              poolCases: pool.current,
              previousTermCases: counts.previous.cases,
              previousPoolCases: pool.previous,
            },
            settings.terms,
          ),
          status: null,
        });
      }
    }

    const states = await this.repository.statuses(
      ds,
      listed.map((t) => t.key),
    );
    return listed.map((topic) => ({
      ...topic,
      status: states.get(topic.key) ?? (open.has(topic.key) ? 'open' : null),
    }));
  }
}

function toView(
  item: ListedTopic,
  stored: StoredTopic | undefined,
  evidence: {
    topSegments: ContentTopicView['topSegments'];
    channels: ContentTopicView['channels'];
    examples: string[];
    issueKind: string | null;
  },
  settings: ContentTopicSettings,
): ContentTopicView {
  const isIssue = item.subject.kind === 'issue_code';
  const issueKind = isIssue ? (evidence.issueKind ?? 'other') : null;
  const content = suggestContentKind(
    { issueKind, howToShare: item.figures.howToShare, growth: item.figures.growth },
    settings.contentKind,
  );
  return {
    key: item.key,
    kind: item.subject.kind,
    issueCode: isIssue ? item.subject.value : null,
    term: isIssue ? null : item.subject.value,
    status: item.status,
    score: item.score.score,
    scoreParts: item.score.parts,
    rank: item.rank,
    volume: item.figures.volume,
    previousVolume: item.figures.previousVolume,
    growth: item.figures.growth,
    howToCases: item.figures.howToCases,
    howToShare: item.figures.howToShare,
    escalatedCases: item.figures.escalatedCases,
    reopenedCases: item.figures.reopenedCases,
    negativeToneCases: item.figures.negativeToneCases,
    significance: item.significance,
    issueKind: isIssue ? evidence.issueKind : null,
    suggestedContentKind: content.kind,
    contentKindReason: content.reason,
    topSegments: evidence.topSegments,
    channels: evidence.channels,
    examples: evidence.examples,
    raisedAt: stored?.raised_at.toISOString() ?? null,
    updatedAt: stored?.updated_at.toISOString() ?? null,
    version: stored?.version ?? null,
  };
}

function windowView(range: { first: string; last: string }): ContentTopicPage['window'] {
  return { from: range.first, to: range.last, days: rangeDays(range) };
}
