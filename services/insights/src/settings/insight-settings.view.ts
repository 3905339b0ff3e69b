import { ApiProperty, ApiPropertyOptional, ApiPropertyOptions } from '@nestjs/swagger';
import {
  DEFAULT_INSIGHT_SETTINGS,
  InsightSettings,
  VersionedInsightSettings,
} from './domain/insight-settings';
import { jsonSchemaOf } from './json-schema-of';

// Every section and setting, with its default; `required` of the top level is the property's own flag.
const { required: _sections, ...settingsSchema } = jsonSchemaOf(DEFAULT_INSIGHT_SETTINGS);
const SETTINGS_SCHEMA = settingsSchema as ApiPropertyOptions;

/** One version of the insight settings, as the API shows it (and as the provider holds it). */
export class InsightSettingsVersionView implements VersionedInsightSettings {
  @ApiProperty({
    description: 'The version number; 0 is the code defaults, in force until a version is stored.',
  })
  version!: number;

  @ApiProperty({
    description:
      'Every section of the settings. A stored document is read over the code defaults: a setting added ' +
      'since it was stored shows its default.',
    ...SETTINGS_SCHEMA,
  })
  settings!: InsightSettings;

  @ApiProperty({ type: String, nullable: true, description: 'Why the version was made, as its author said.' })
  note!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Who made it, when known.' })
  createdBy!: string | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When it was stored; null for version 0.',
  })
  createdAt!: string | null;

  @ApiPropertyOptional({
    type: [String],
    description:
      'Only for a stored version the running code cannot use (it breaks a rule added since): what is wrong.',
  })
  problems?: string[];
}

export class InsightSettingsVersionList {
  @ApiProperty({
    type: [InsightSettingsVersionView],
    description: 'Newest first; version 0 (the code defaults) last.',
  })
  versions!: InsightSettingsVersionView[];
}
