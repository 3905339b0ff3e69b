import { Controller, Get } from '@nestjs/common';
import { DEFAULT_TAXONOMY } from './default-taxonomy';
import { Taxonomy } from './taxonomy';

@Controller('v1/taxonomy')
export class TaxonomyController {
  @Get()
  current(): Taxonomy {
    return DEFAULT_TAXONOMY;
  }
}
