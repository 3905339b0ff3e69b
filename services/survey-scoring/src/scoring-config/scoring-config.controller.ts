import { Controller, Get } from '@nestjs/common';
import { ScoringConfigRepository, ScoringConfigVersion } from './scoring-config.repository';

@Controller('v1/config')
export class ScoringConfigController {
  constructor(private readonly configs: ScoringConfigRepository) {}

  @Get()
  current(): Promise<ScoringConfigVersion> {
    return this.configs.current();
  }
}
