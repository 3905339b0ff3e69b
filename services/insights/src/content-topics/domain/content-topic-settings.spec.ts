import { contentTopicSettingsProblems, DEFAULT_CONTENT_TOPIC_SETTINGS } from './content-topic-settings';

describe('contentTopicSettingsProblems', () => {
  it('finds nothing wrong with the defaults, which are plain JSON', () => {
    expect(contentTopicSettingsProblems(DEFAULT_CONTENT_TOPIC_SETTINGS)).toEqual([]);
    expect(JSON.parse(JSON.stringify(DEFAULT_CONTENT_TOPIC_SETTINGS))).toEqual(
      DEFAULT_CONTENT_TOPIC_SETTINGS,
    );
  });

  it('refuses thresholds that would make a topic flap, naming the field first', () => {
    const problems = contentTopicSettingsProblems({
      ...DEFAULT_CONTENT_TOPIC_SETTINGS,
      keep: { minVolume: 6, minGrowth: 1, topN: 5 },
      terms: { ...DEFAULT_CONTENT_TOPIC_SETTINGS.terms, keepLift: 2 },
    });
    expect(problems).toEqual([
      'keep.minVolume must be a whole number from 1 to raise.minVolume',
      'keep.minGrowth must be ≥ -1 and below raise.minGrowth',
      'keep.topN must be a whole number ≥ raise.topN',
      'terms.keepLift must be ≥ 1 and below terms.minLift',
    ]);
  });

  it('refuses windows SQL cannot take and weights that are all zero', () => {
    const problems = contentTopicSettingsProblems({
      ...DEFAULT_CONTENT_TOPIC_SETTINGS,
      windowDays: 7.5,
      score: { ...DEFAULT_CONTENT_TOPIC_SETTINGS.score, volumeWeight: 0, growthWeight: 0, howToWeight: 0 },
    });
    expect(problems).toEqual([
      'windowDays must be a whole number of days from 1 to 366',
      'score weights cannot all be 0',
    ]);
  });
});
