import { ContentTopicSettings } from './content-topic-settings';
import { scoreTopic, rankTopics, TopicScore } from './score-topic';
import { termSignificance, TermSignificance } from './term-significance';
import { NO_CASES, topicFigures, TopicFigures, WindowCounts } from './topic-figures';
import { topicKey, TopicSubject } from './topic-key';
import { AnnouncedTopic, TopicChange, topicTransition } from './topic-transition';

/** One window pair's counts of a topic. */
export interface TopicCounts {
  current: WindowCounts;
  previous: WindowCounts;
}

/** The term pool's size (unclassified and low-confidence cases) in the two windows. */
export interface PoolSize {
  current: number;
  previous: number;
}

/** What the assessment of one evaluation day needs. */
export interface TopicsAtDay {
  /** Every issue code with cases in either window (the ranking is among all of them). */
  issues: ReadonlyMap<string, TopicCounts>;
  /** The candidate terms' counts (missing: none). */
  terms: ReadonlyMap<string, TopicCounts>;
  pool: PoolSize;
}

export interface TopicCandidate {
  subject: TopicSubject;
  announced?: AnnouncedTopic;
}

export interface TopicAssessment {
  key: string;
  subject: TopicSubject;
  figures: TopicFigures;
  score: TopicScore;
  rank: number | null;
  significance: TermSignificance | null;
  change: TopicChange;
  because: string[];
}

/**
 * Assesses the candidate topics of one evaluation day (the issue codes and terms a batch touched, and
 * the open topics whose window moved): figures, score, rank among all issue codes, the emerging-term
 * test, and the transition (topic-transition.ts).
 *
 * Terms overlap: the cases that make "bulk import" emerge make "bulk" and "import" emerge too. Of the
 * terms that qualify to be raised, the strongest (G², then volume, then the longer term, then code-point
 * order) is raised first, and a term sharing a word with an open term topic or with one raised before
 * it is not raised; nor is any once `terms.maxOpen` term topics are open. Pure and deterministic: the
 * result does not depend on the order of the candidates.
 */
export function assessTopics(
  candidates: readonly TopicCandidate[],
  at: TopicsAtDay,
  settings: ContentTopicSettings,
  /** Open term topics that are not candidates: their words are taken too. */
  otherOpenTerms: readonly string[] = [],
): TopicAssessment[] {
  const issueScores = new Map(
    [...at.issues].map(([code, counts]) => {
      const figures = topicFigures(counts.current, counts.previous);
      return [code, { figures, score: scoreTopic(figures, settings.score) }];
    }),
  );
  const ranks = rankTopics(
    [...issueScores].map(([code, { figures, score }]) => ({
      key: code,
      score: score.score,
      volume: figures.volume,
    })),
  );

  const assessed = [...candidates]
    .sort((a, b) => compare(topicKey(a.subject), topicKey(b.subject)))
    .map((candidate): TopicAssessment => {
      const { subject } = candidate;
      const key = topicKey(subject);
      let figures: TopicFigures;
      let score: TopicScore;
      let rank: number | null = null;
      let significance: TermSignificance | null = null;
      if (subject.kind === 'issue_code') {
        const known = issueScores.get(subject.value);
        figures = known?.figures ?? topicFigures(NO_CASES, NO_CASES);
        score = known?.score ?? scoreTopic(figures, settings.score);
        rank = ranks.get(subject.value) ?? null;
      } else {
        const counts = at.terms.get(subject.value) ?? { current: NO_CASES, previous: NO_CASES };
        figures = topicFigures(counts.current, counts.previous);
        score = scoreTopic(figures, settings.score);
        significance = termSignificance(
          {
            termCases: counts.current.cases,
            poolCases: at.pool.current,
            previousTermCases: counts.previous.cases,
            previousPoolCases: at.pool.previous,
          },
          settings.terms,
        );
      }
      const decision = topicTransition(
        candidate.announced,
        { kind: subject.kind, figures, score: score.score, rank, significance },
        settings,
      );
      return { key, subject, figures, score, rank, significance, ...decision };
    });

  // Open term topics that stay open keep their words; one cleared now frees them.
  const openTerms = [
    ...otherOpenTerms,
    ...assessed
      .filter((a) => a.subject.kind === 'term' && isOpen(candidates, a.key) && a.change !== 'cleared')
      .map((a) => a.subject.value),
  ];
  const allowed = termsToRaise(
    assessed.filter((a) => a.subject.kind === 'term' && a.change === 'raised'),
    openTerms,
    settings.terms.maxOpen,
  );
  return assessed.map((a) =>
    a.subject.kind === 'term' && a.change === 'raised' && !allowed.has(a.subject.value)
      ? { ...a, change: 'none', because: [] }
      : a,
  );
}

/** Which of the terms that qualify are raised (see {@link assessTopics}). */
export function termsToRaise(
  qualifying: ReadonlyArray<Pick<TopicAssessment, 'subject' | 'figures' | 'significance'>>,
  openTerms: readonly string[],
  maxOpen: number,
): Set<string> {
  const taken = new Set(openTerms.flatMap(wordsOf));
  let open = openTerms.length;
  const raised = new Set<string>();
  const ranked = [...qualifying].sort(
    (a, b) =>
      (b.significance?.g2 ?? 0) - (a.significance?.g2 ?? 0) ||
      b.figures.volume - a.figures.volume ||
      wordsOf(b.subject.value).length - wordsOf(a.subject.value).length ||
      compare(a.subject.value, b.subject.value),
  );
  for (const candidate of ranked) {
    if (open >= maxOpen) break;
    const words = wordsOf(candidate.subject.value);
    if (words.some((word) => taken.has(word))) continue;
    raised.add(candidate.subject.value);
    for (const word of words) taken.add(word);
    open++;
  }
  return raised;
}

function isOpen(candidates: readonly TopicCandidate[], key: string): boolean {
  return candidates.some((c) => topicKey(c.subject) === key && c.announced?.status === 'open');
}

function wordsOf(term: string): string[] {
  return term.split(' ').filter((word) => word !== '');
}

/** Code-point order, the same on every machine. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
