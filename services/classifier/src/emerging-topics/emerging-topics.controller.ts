import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequiresScope, ValidationProblemException } from '@supportlens/platform';
import { parseWindow } from './domain/rolling-window';
import { EmergingTopicsQuery } from './emerging-topics.query';
import { EmergingTopicsReport, EmergingTopicsReporter } from './emerging-topics.report';

@ApiTags('taxonomy')
@RequiresScope('insights:read')
@Controller('v1/emerging-topics')
export class EmergingTopicsController {
  constructor(private readonly reporter: EmergingTopicsReporter) {}

  /** Candidate new codes: low-confidence cases of the window grouped by shared key terms. */
  @Get()
  @ApiOperation({
    summary: 'Candidate new issue codes',
    description:
      'Low-confidence cases of the window grouped by the key terms they share, each group compared with the window before and with the baseline frequency of its terms: candidates for new codes in the taxonomy.',
  })
  @ApiOkResponse({
    description:
      'The window and the one before it, the baseline, how many low-confidence cases there were, and the candidate topics with their terms, counts and example cases.',
  })
  @ApiBadRequestResponse({ description: 'problem+json: a bad window (over 90 days), minCases or to' })
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
