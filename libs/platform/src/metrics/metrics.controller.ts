import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import { RequiresScope } from '../access/requires-scope.decorator';
import { MetricsService } from './metrics.service';

@RequiresScope('metrics:read')
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  /** Prometheus scrape endpoint. */
  @Get()
  async scrape(@Res() response: Response): Promise<void> {
    const body = await this.metrics.render();
    // end() rather than send(): send() would rewrite the Content-Type to add a charset.
    response.status(200).setHeader('Content-Type', this.metrics.contentType);
    response.end(body);
  }
}
