import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequiresScope } from '@supportlens/platform';
import { DigestQuery } from './digest.query';
import { MarketingDigest } from './digest.view';
import { MarketingDigestBuilder } from './marketing-digest';

@ApiTags('insights')
@RequiresScope('insights:read')
@Controller('v1/digest')
export class DigestController {
  constructor(private readonly digest: MarketingDigestBuilder) {}

  @Get()
  @ApiOperation({
    summary: "The period's marketing digest",
    description:
      'Top content topics, new persona signals, new case-study and focus-group candidates, customers ' +
      'newly at risk, and the satisfaction and service-metric trend against the period before.',
  })
  @ApiOkResponse({ description: 'The digest of the ISO week or calendar month.' })
  async get(@Query() query: DigestQuery): Promise<MarketingDigest> {
    return this.digest.build(
      query.period ?? 'week',
      query.at ? new Date(query.at) : undefined,
      query.limit ?? 5,
    );
  }
}
