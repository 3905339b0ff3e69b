import { DayRange } from '../windows/domain/utc-days';
import {
  ContentTopicsRepository,
  Queryable,
  RecentCase,
  SegmentFilter,
  TopicGroupCounts,
} from './content-topics.repository';
import { ContentTopicSettings } from './domain/content-topic-settings';
import { dominantIssueKind } from './domain/content-kind';
import { pickExamples, topChannels, topSegments } from './domain/topic-evidence';
import { topicKey, TopicSubject } from './domain/topic-key';
import { TopicEvidence } from './domain/topic-insight';

/**
 * The evidence of some topics in a window: segments most affected, channels, example phrasings and
 * the issue kind, read set-based (a few statements for all of them). Only for the topics that change
 * in a batch, or the page the API serves. Under a segment filter the topics are the segment's, so no
 * segment breakdown is given.
 */
export async function readEvidence(
  repository: ContentTopicsRepository,
  q: Queryable,
  topics: ReadonlyArray<{ subject: TopicSubject; figures: { volume: number } }>,
  window: DayRange,
  settings: ContentTopicSettings,
  segment: SegmentFilter = null,
): Promise<Map<string, TopicEvidence>> {
  const evidence = new Map<string, TopicEvidence>();
  if (topics.length === 0) return evidence;
  const codes = topics.filter((t) => t.subject.kind === 'issue_code').map((t) => t.subject.value);
  const terms = topics.filter((t) => t.subject.kind === 'term').map((t) => t.subject.value);
  const base = segment === null ? await repository.groupBase(q, window) : { groups: [], total: 0 };
  const issueGroups = segment === null ? await repository.issueGroupCounts(q, codes, window) : new Map();
  const issueCases = await repository.recentIssueCases(q, codes, window, segment);
  const termCases = await repository.termCases(q, terms, window);

  for (const topic of topics) {
    const { subject } = topic;
    let groups: TopicGroupCounts | undefined;
    let recent: RecentCase[];
    if (subject.kind === 'issue_code') {
      groups = issueGroups.get(subject.value);
      recent = issueCases.get(subject.value) ?? [];
    } else {
      const found = termCases.get(subject.value);
      groups = segment === null ? found?.groups : undefined;
      recent = found?.recent ?? [];
    }
    evidence.set(topicKey(subject), {
      topSegments: groups
        ? topSegments(groups.segments, topic.figures.volume, base.groups, base.total, settings.segments)
        : [],
      channels: topChannels(groups?.channels ?? []),
      examples: pickExamples(recent, settings.examples),
      issueKind: subject.kind === 'issue_code' ? dominantIssueKind(recent.map((c) => c.issueKind)) : null,
    });
  }
  return evidence;
}
