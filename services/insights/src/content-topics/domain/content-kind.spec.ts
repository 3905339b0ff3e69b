import { dominantIssueKind, suggestContentKind } from './content-kind';
import { DEFAULT_CONTENT_TOPIC_SETTINGS } from './content-topic-settings';

const rules = DEFAULT_CONTENT_TOPIC_SETTINGS.contentKind;
const suggest = (issueKind: string | null, howToShare: number, growth: number | null) =>
  suggestContentKind({ issueKind, howToShare, growth }, rules).kind;

describe('suggestContentKind', () => {
  it('follows its rules in order', () => {
    expect(suggest('how_to', 1, 2)).toBe('how_to');
    expect(suggest('billing', 0.5, 0)).toBe('how_to'); // half the cases ask how
    expect(suggest('defect', 0.1, 3)).toBe('release_note');
    expect(suggest('feature_request', 0, 0)).toBe('comparison');
    expect(suggest('praise', 0, null)).toBe('comparison');
    expect(suggest(null, 0, null)).toBe('faq'); // a term: a new question
    expect(suggest('billing', 0, 1)).toBe('release_note'); // doubled: something changed
    expect(suggest('account', 0, null)).toBe('release_note'); // appeared
    expect(suggest('order_delivery', 0.2, 0.4)).toBe('faq');
  });

  it('says why', () => {
    expect(suggestContentKind({ issueKind: 'how_to', howToShare: 1, growth: 2 }, rules).reason).toBe(
      'how-to questions: 100% of the cases ask how to do something',
    );
    expect(suggestContentKind({ issueKind: 'billing', howToShare: 0, growth: 1.5 }, rules).reason).toBe(
      'billing questions grew +150%: explain what changed',
    );
  });
});

describe('dominantIssueKind', () => {
  it('is the most frequent kind, ties in code-point order, null when none says', () => {
    expect(dominantIssueKind(['how_to', 'defect', 'how_to', null])).toBe('how_to');
    expect(dominantIssueKind(['how_to', 'defect'])).toBe('defect');
    expect(dominantIssueKind([null, null])).toBeNull();
  });
});
