import { BaseServiceConfig } from '@supportlens/platform';

export class SurveyScoringConfig extends BaseServiceConfig {
  override PORT = 3003;
}
