import { ContentTopicInsight, isIssueKind } from '@supportlens/contracts';
import { DayRange, rangeDays } from '../../windows/domain/utc-days';
import { TopicAssessment } from './assess-topics';
import { suggestContentKind } from './content-kind';
import { ContentTopicSettings } from './content-topic-settings';
import { ChannelCount, TopSegment } from './topic-evidence';

/** What a topic's event says beyond its figures: read from the windows and the facts for the topics that change. */
export interface TopicEvidence {
  topSegments: TopSegment[];
  channels: ChannelCount[];
  examples: string[];
  /** The most frequent issue kind among the topic's recent cases (issue codes); null when unknown. */
  issueKind: string | null;
}

export interface TopicEventInput {
  assessment: TopicAssessment;
  evidence: TopicEvidence;
  window: DayRange;
  previousWindow: DayRange;
  /** The event time of the evaluation. */
  at: Date;
  sequence: number;
  /** The version of the insight settings used. */
  settingsVersion: number;
}

/**
 * The event announcing a topic's change (`raised`, `updated` or `cleared`), with its evidence. Absent
 * rather than null for what does not apply (growth of a new topic, rank of a term), as the contract
 * says. Pure.
 */
export function topicInsight(input: TopicEventInput, settings: ContentTopicSettings): ContentTopicInsight {
  const { assessment, evidence } = input;
  const { figures, subject } = assessment;
  if (assessment.change === 'none') throw new Error(`topic ${assessment.key} has no change to announce`);
  const isIssue = subject.kind === 'issue_code';
  const issueKind = isIssue ? (evidence.issueKind ?? 'other') : null;
  const content = suggestContentKind(
    { issueKind, howToShare: figures.howToShare, growth: figures.growth },
    settings.contentKind,
  );
  const significance = assessment.significance;
  return {
    key: assessment.key,
    kind: subject.kind,
    ...(isIssue ? { issueCode: subject.value } : { term: subject.value }),
    change: assessment.change,
    because: assessment.because,
    score: assessment.score.score,
    scoreParts: assessment.score.parts,
    ...(assessment.rank === null ? {} : { rank: assessment.rank }),
    window: windowOf(input.window),
    previousWindow: windowOf(input.previousWindow),
    volume: figures.volume,
    previousVolume: figures.previousVolume,
    ...(figures.growth === null ? {} : { growth: figures.growth }),
    howToCases: figures.howToCases,
    howToShare: figures.howToShare,
    ...(figures.escalatedCases === null ? {} : { escalatedCases: figures.escalatedCases }),
    ...(figures.reopenedCases === null ? {} : { reopenedCases: figures.reopenedCases }),
    ...(figures.negativeToneCases === null ? {} : { negativeToneCases: figures.negativeToneCases }),
    ...(significance === null
      ? {}
      : {
          significance: {
            test: significance.test,
            g2: significance.g2,
            lift: significance.lift,
            currentRate: significance.currentRate,
            previousRate: significance.previousRate,
          },
        }),
    ...(isIssueKind(issueKind) ? { issueKind } : {}),
    suggestedContentKind: content.kind,
    contentKindReason: content.reason,
    topSegments: evidence.topSegments,
    channels: evidence.channels,
    examples: evidence.examples,
    settingsVersion: input.settingsVersion,
    at: input.at.toISOString(),
    sequence: input.sequence,
  };
}

function windowOf(range: DayRange): ContentTopicInsight['window'] {
  return { from: range.first, to: range.last, days: rangeDays(range) };
}
