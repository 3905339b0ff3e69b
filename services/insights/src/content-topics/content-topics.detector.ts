import { Injectable } from '@nestjs/common';
import { ContentTopicInsight, derivedEventId, EventContracts } from '@supportlens/contracts';
import { EntityManager } from 'typeorm';
import { InsightOutbox, OutboxEvent } from '../outbox/insight-outbox';
import { AppliedBatch, SharedStep } from '../read-models/applied-batch';
import { InsightSettingsProvider } from '../settings/insight-settings.provider';
import { batchWindowDeltas } from '../windows/batch-window-deltas';
import { dayNumber, windowPairEndingOn } from '../windows/domain/utc-days';
import { UNCLASSIFIED_CODE } from '../windows/domain/window-case';
import { ContentTopicsRepository, StoredTopic } from './content-topics.repository';
import { assessTopics, TopicAssessment, TopicCandidate } from './domain/assess-topics';
import { ContentTopicSettings } from './domain/content-topic-settings';
import { parseTopicKey, topicKey, TopicSubject } from './domain/topic-key';
import { topicInsight } from './domain/topic-insight';
import { TopicStatus } from './domain/topic-transition';
import { readEvidence } from './topic-evidence.reader';

/**
 * Raises, updates and clears content topics as the cases arrive, and emits the changes on
 * `marketing.insights.content-topics.v1`.
 *
 * Runs as a step of the ReadModelWriter's transaction, after the windows: the topics evaluated are
 * those whose window counts the batch changed (issue codes, and key terms of the term pool) and the
 * open topics whose window moved on (a later day: that is how a topic that went quiet is cleared).
 * "Now" is the batch's event time — never the wall clock, so a replay reaches the same states — and
 * never earlier than the time a topic was last announced at, so a late batch does not move an open
 * topic's window back. Per topic: a transaction-scoped advisory lock, the window sums (one statement
 * for every issue code of the day, for the ranking), the pure assessment, and, for the topics that
 * change, their evidence, their new state (one statement) and their events into the outbox. Event ids
 * come from (topic key, sequence): a re-publish carries the same id, and a redelivered input changes
 * no count, so it emits nothing.
 */
@Injectable()
export class ContentTopicsDetector implements SharedStep {
  readonly name = 'content-topics';
  readonly rows = 'shared';
  private readonly repository = new ContentTopicsRepository();

  constructor(
    private readonly outbox: InsightOutbox,
    private readonly settings: InsightSettingsProvider,
  ) {}

  async apply(manager: EntityManager, batch: AppliedBatch): Promise<void> {
    // Surveys change no case counts; and moving open topics on by a survey's time would judge them on
    // windows missing cases that a lagging case consumer has not applied yet: "now" is the cases' time.
    if (batch.caseEventTime === null) return;
    const now = batch.caseEventTime;
    const touched = touchedSubjects(batch);
    const open = await this.repository.openTopics(manager);
    const moved = open
      .filter((topic) => dayNumber(topic.as_of) < dayNumber(now))
      .map((topic) => topic.topic_key);
    await this.evaluate(manager, [...touched.map(topicKey), ...moved], topicEventTimes(batch), now, open);
  }

  /**
   * At a catch-up's end (catch-up/): every topic with cases in the window pair or open, at the
   * latest case's event time. A function of the stored facts alone, so a replay ends the same.
   */
  async judgeAll(manager: EntityManager): Promise<void> {
    const now = await this.repository.latestCaseTime(manager);
    if (!now) return;
    const pair = windowPairEndingOn(dayNumber(now), this.settings.current.settings.contentTopics.windowDays);
    const issues = await this.repository.issueCounts(manager, pair, null);
    const terms = await this.repository.termCounts(manager, pair, null);
    const open = await this.repository.openTopics(manager);
    const keys = [
      ...[...issues.keys()].map((value) => topicKey({ kind: 'issue_code', value })),
      ...[...terms.keys()].map((value) => topicKey({ kind: 'term', value })),
      ...open.map((topic) => topic.topic_key),
    ];
    await this.evaluate(manager, keys, new Map(), now, open);
  }

  /**
   * Evaluates these topics: each at the time its own cases give (`touchedAt`, else `now`), and emits
   * their changes. `open` is every open topic (the terms among them stay in the term ranking).
   */
  private async evaluate(
    manager: EntityManager,
    topicKeys: readonly string[],
    touchedAt: ReadonlyMap<string, Date>,
    now: Date,
    open: ReadonlyArray<{ topic_key: string }>,
  ): Promise<void> {
    const keys = [...new Set(topicKeys)].sort();
    if (keys.length === 0) return;
    const { version: settingsVersion, settings: all } = this.settings.current;
    const settings = all.contentTopics;

    await this.repository.lock(manager, keys);
    // Read under the locks: another batch may have announced one of these topics meanwhile.
    const stored = await this.repository.stored(manager, keys);
    const latestDays = await this.repository.latestDays(
      manager,
      keys.map(parseTopicKey).filter((subject): subject is TopicSubject => subject !== null),
    );
    const openTerms = open.map((topic) => parseTopicKey(topic.topic_key)).filter(isTerm);

    // Each topic is evaluated at the latest of: the batch's event time for it, its last announcement,
    // and the end of its latest case's day — usually one day for all of them. The last batch to touch
    // a topic can come from a partition that is behind, holding only the topic's older cases.
    const byDay = new Map<number, { at: Date; candidates: TopicCandidate[] }>();
    for (const key of keys) {
      const subject = parseTopicKey(key);
      if (!subject) continue;
      const previous = stored.get(key);
      const latestDay = latestDays.get(key);
      // A touched topic goes by its own cases' times: a batch mixes partitions and customers, so its
      // latest event time can belong to data far from this topic. An open topic the batch did not
      // touch is moved to the batch's time (that is how a quiet topic is cleared).
      const base = latest(touchedAt.get(key) ?? now, previous?.as_of);
      const at = latestDay !== undefined && latestDay > dayNumber(base) ? endOfDay(latestDay) : base;
      const day = dayNumber(at);
      const group = byDay.get(day) ?? { at, candidates: [] };
      if (at > group.at) group.at = at;
      group.candidates.push({ subject, announced: previous && announcedOf(previous) });
      byDay.set(day, group);
    }

    const states: Record<string, unknown>[] = [];
    const events: OutboxEvent<ContentTopicInsight>[] = [];
    for (const [day, { at, candidates }] of [...byDay].sort(([a], [b]) => a - b)) {
      const pair = windowPairEndingOn(day, settings.windowDays);
      const terms = candidates.filter((c) => c.subject.kind === 'term').map((c) => c.subject.value);
      const anyIssue = candidates.some((c) => c.subject.kind === 'issue_code');
      // Every issue code of the day, not only the candidates: the rank is among all of them.
      const issues = anyIssue ? await this.repository.issueCounts(manager, pair, null) : new Map();
      const termCounts = await this.repository.termCounts(manager, pair, terms);
      const pool =
        terms.length > 0 ? await this.repository.poolSize(manager, pair) : { current: 0, previous: 0 };
      const candidateTerms = new Set(terms);
      const assessments = assessTopics(
        candidates,
        { issues, terms: termCounts, pool },
        settings,
        openTerms.map((s) => s.value).filter((term) => !candidateTerms.has(term)),
      ).filter((a) => a.change !== 'none');
      if (assessments.length === 0) continue;

      const evidence = await readEvidence(this.repository, manager, assessments, pair.current, settings);
      for (const assessment of assessments) {
        const previous = stored.get(assessment.key);
        const sequence = (previous?.version ?? 0) + 1;
        const eventId = derivedEventId('content-topic', `${assessment.key}\u0000${sequence}`);
        const data = topicInsight(
          {
            assessment,
            evidence: evidence.get(assessment.key)!,
            window: pair.current,
            previousWindow: pair.previous,
            at,
            sequence,
            settingsVersion,
          },
          settings,
        );
        states.push(stateRow(assessment, data, previous, settings, at, eventId));
        events.push({
          contract: EventContracts.ContentTopicInsight,
          eventId,
          key: assessment.key,
          sequence,
          time: at,
          data,
        });
      }
    }
    if (states.length === 0) return;
    await this.repository.saveStates(manager, states);
    await this.outbox.enqueue(manager, events);
  }
}

/**
 * The topics whose window counts the batch changed: issue codes (not `unclassified`, which is no
 * topic: its cases feed the term pool) and terms. A case version that changes nothing the windows count
 * (a status change, say) touches no topic.
 */
export function touchedSubjects(batch: Pick<AppliedBatch, 'caseChanges'>): TopicSubject[] {
  if (batch.caseChanges.length === 0) return [];
  const deltas = batchWindowDeltas(batch);
  const codes = new Set(
    deltas.caseDaily.map((row) => row.issueCode).filter((code) => code !== UNCLASSIFIED_CODE),
  );
  const terms = new Set(deltas.termDaily.map((row) => row.term));
  return [
    ...[...codes].map((value): TopicSubject => ({ kind: 'issue_code', value })),
    ...[...terms].map((value): TopicSubject => ({ kind: 'term', value })),
  ];
}

function announcedOf(row: StoredTopic): TopicCandidate['announced'] {
  return { status: row.status, volume: row.volume, score: row.score };
}

function isTerm(subject: TopicSubject | null): subject is TopicSubject {
  return subject?.kind === 'term';
}

function stateRow(
  assessment: TopicAssessment,
  data: ContentTopicInsight,
  previous: StoredTopic | undefined,
  settings: ContentTopicSettings,
  at: Date,
  eventId: string,
): Record<string, unknown> {
  const status: TopicStatus = assessment.change === 'cleared' ? 'cleared' : 'open';
  return {
    topic_key: assessment.key,
    kind: assessment.subject.kind,
    issue_code: assessment.subject.kind === 'issue_code' ? assessment.subject.value : null,
    term: assessment.subject.kind === 'term' ? assessment.subject.value : null,
    status,
    score: assessment.score.score,
    rank: assessment.rank,
    volume: assessment.figures.volume,
    previous_volume: assessment.figures.previousVolume,
    growth: assessment.figures.growth,
    how_to_share: assessment.figures.howToShare,
    content_kind: data.suggestedContentKind,
    evidence: data,
    window_days: settings.windowDays,
    as_of: at,
    raised_at: assessment.change === 'raised' || !previous ? at : previous.raised_at,
    updated_at: at,
    cleared_at: status === 'cleared' ? at : null,
    version: data.sequence,
    last_event_id: eventId,
  };
}

function latest(...times: Array<Date | undefined>): Date {
  return new Date(Math.max(...times.map((time) => time?.getTime() ?? -Infinity)));
}

/** The last millisecond of a UTC day number. */
function endOfDay(day: number): Date {
  return new Date((day + 1) * 86_400_000 - 1);
}

/** Per topic key the batch touched: the latest event time of its cases in the batch. */
function topicEventTimes(batch: AppliedBatch): Map<string, Date> {
  const times = new Map<string, Date>();
  const note = (key: string, time: Date) => {
    const known = times.get(key);
    if (!known || time > known) times.set(key, time);
  };
  for (const { after } of batch.caseChanges) {
    const time = new Date(after.event_time);
    note(topicKey({ kind: 'issue_code', value: after.issue_code }), time);
    const terms = after.terms;
    if (Array.isArray(terms))
      for (const term of terms) note(topicKey({ kind: 'term', value: String(term) }), time);
  }
  return times;
}
