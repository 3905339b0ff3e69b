import { BaseServiceConfig } from './config/base-service.config';

export interface PlatformModuleOptions<C extends BaseServiceConfig = BaseServiceConfig> {
  /** The service's name: log field `service`, metrics label `service`, default Kafka client id. */
  serviceName: string;
  /** The service's config class (a BaseServiceConfig subclass). */
  config: new () => C;
  /** Read instead of process.env (tests). */
  configValues?: Record<string, string | undefined>;
}
