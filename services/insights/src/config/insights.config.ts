import { BaseServiceConfig } from '@supportlens/platform';

export class InsightsConfig extends BaseServiceConfig {
  override PORT = 3004;
}
