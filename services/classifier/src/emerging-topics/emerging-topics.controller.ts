import { Controller, Get, Query } from '@nestjs/common';
import { ValidationProblemException } from '@supportlens/platform';
import { parseWindow } from './domain/rolling-window';
import { EmergingTopicsQuery } from './emerging-topics.query';
import { EmergingTopicsReport, EmergingTopicsReporter } from './emerging-topics.report';

@Controller('v1/emerging-topics')
export class EmergingTopicsController {
  constructor(private readonly reporter: EmergingTopicsReporter) {}

  /** Candidate new codes: low-confidence cases of the window grouped by shared key terms. */
  @Get()
  async topics(@Query() query: EmergingTopicsQuery): Promise<EmergingTopicsReport> {
    const window = query.window ?? '7d';
    const windowMs = parseWindow(window);
    if (windowMs === undefined) {
      throw new ValidationProblemException([{ field: 'window', message: 'window must be at most 90 days' }]);
    }
    return this.reporter.report({
      window,
      windowMs,
      minCases: query.minCases ?? 3,
      to: query.to ? new Date(query.to) : undefined,
    });
  }
}
