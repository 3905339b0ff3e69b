import { DynamicModule, Module } from '@nestjs/common';
import { EmergingTopicsController } from './emerging-topics.controller';
import { EmergingTopicsRecorder } from './emerging-topics.recorder';
import { EmergingTopicsReporter } from './emerging-topics.report';
import { EmergingTopicsRepository } from './emerging-topics.repository';
import { EmergingTopicsRetention } from './emerging-topics.retention';
import {
  DEFAULT_EMERGING_TOPICS_SETTINGS,
  EMERGING_TOPICS_SETTINGS,
  EmergingTopicsSettings,
} from './emerging-topics.settings';

/**
 * Emerging topics: `EmergingTopicsRecorder` (exported, for the classification pipeline),
 * `EmergingTopicsRepository` (exported, for the erasure consumer to scrub what it stored) and
 * `GET /v1/emerging-topics`. Needs the service's PersistenceModule (a DataSource on the classifier
 * schema). Import it once: `EmergingTopicsModule` with the defaults, or `withSettings(...)`.
 */
@Module({
  controllers: [EmergingTopicsController],
  providers: [
    EmergingTopicsRepository,
    EmergingTopicsRecorder,
    EmergingTopicsReporter,
    EmergingTopicsRetention,
    { provide: EMERGING_TOPICS_SETTINGS, useValue: DEFAULT_EMERGING_TOPICS_SETTINGS },
  ],
  exports: [EmergingTopicsRecorder, EmergingTopicsRepository],
})
export class EmergingTopicsModule {
  /** The same module with some settings changed (the dynamic provider replaces the default one). */
  static withSettings(settings: Partial<EmergingTopicsSettings>): DynamicModule {
    return {
      module: EmergingTopicsModule,
      providers: [
        { provide: EMERGING_TOPICS_SETTINGS, useValue: { ...DEFAULT_EMERGING_TOPICS_SETTINGS, ...settings } },
      ],
    };
  }
}
