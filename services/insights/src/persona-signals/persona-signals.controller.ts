import { Controller } from '@nestjs/common';

// SKELETON: the query API of this read model.
@Controller('v1/insights/persona-signals')
export class PersonaSignalsController {}
