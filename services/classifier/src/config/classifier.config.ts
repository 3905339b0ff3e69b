import { BaseServiceConfig, IsIntInRange, ToInt } from '@supportlens/platform';

export class ClassifierConfig extends BaseServiceConfig {
  override PORT = 3002;

  /** Minimum keyword hits, in percent of the best code's share, below which a case stays unclassified. */
  @ToInt()
  @IsIntInRange(0, 100)
  CLASSIFIER_MIN_CONFIDENCE_PERCENT = 40;
}
