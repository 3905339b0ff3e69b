import { TopicStatus } from './domain/topic-transition';
import { ScoreParts } from './domain/score-topic';
import { TermSignificance } from './domain/term-significance';
import { ChannelCount, TopSegment } from './domain/topic-evidence';
import { TopicKind } from './domain/topic-key';

/** A content topic as the API serves it: its figures in the period asked for, its insight's status, its evidence. */
export interface ContentTopicView {
  key: string;
  kind: TopicKind;
  issueCode: string | null;
  term: string | null;
  /** The insight's status on the topic (`open`, `cleared`), or null when it was never raised. */
  status: TopicStatus | null;
  score: number;
  scoreParts: ScoreParts;
  /** Issue codes: rank by score among the issue codes of the period (in the segment, if one is asked for). */
  rank: number | null;
  volume: number;
  previousVolume: number;
  /** null when the previous window had no cases (a new topic). */
  growth: number | null;
  howToCases: number;
  howToShare: number;
  escalatedCases: number | null;
  reopenedCases: number | null;
  negativeToneCases: number | null;
  /** Terms: the emerging-term test. */
  significance: TermSignificance | null;
  issueKind: string | null;
  suggestedContentKind: string;
  contentKindReason: string;
  topSegments: TopSegment[];
  channels: ChannelCount[];
  examples: string[];
  raisedAt: string | null;
  updatedAt: string | null;
  /** How many changes consumers of the topic have seen (the last event's `sequence`). */
  version: number | null;
}

export interface ContentTopicWindowView {
  from: string;
  to: string;
  days: number;
}

export interface ContentTopicPage {
  /** The days the figures cover (both ends included), and the window growth is measured against. */
  window: ContentTopicWindowView;
  previousWindow: ContentTopicWindowView;
  /** The segment the topics are ranked within, or null for every customer. */
  segment: { attribute: string; value: string } | null;
  items: ContentTopicView[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}
