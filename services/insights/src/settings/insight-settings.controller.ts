import { Controller } from '@nestjs/common';

// SKELETON: the query API of this read model.
@Controller('v1/settings')
export class InsightSettingsController {}
