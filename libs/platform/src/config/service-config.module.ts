import { DynamicModule, Module } from '@nestjs/common';
import { SERVICE_NAME } from '../service-name.token';
import { PlatformModuleOptions } from '../platform-module-options';
import { BaseServiceConfig } from './base-service.config';
import { loadConfig } from './load-config';

/**
 * Holds the service name and the validated config, globally, under the service's config class
 * and under BaseServiceConfig (so libraries can inject the base without knowing the service).
 * A module of its own so the logger module can import it.
 */
@Module({})
export class ServiceConfigModule {
  static forRoot<C extends BaseServiceConfig>(options: PlatformModuleOptions<C>): DynamicModule {
    const { serviceName, config: configClass, configValues } = options;
    const aliases = configClass === (BaseServiceConfig as unknown) ? [] : [configClass];
    return {
      module: ServiceConfigModule,
      global: true,
      providers: [
        { provide: SERVICE_NAME, useValue: serviceName },
        {
          // Loaded while the app is created, so a bad environment fails that (once, listing
          // every bad variable) rather than the import of the app module.
          provide: BaseServiceConfig,
          useFactory: (): BaseServiceConfig => {
            const config = loadConfig(configClass, configValues ?? process.env);
            config.KAFKA_CLIENT_ID ??= serviceName;
            return config;
          },
        },
        ...aliases.map((alias) => ({ provide: alias, useExisting: BaseServiceConfig })),
      ],
      exports: [SERVICE_NAME, BaseServiceConfig, ...aliases],
    };
  }
}
