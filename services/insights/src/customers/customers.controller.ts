import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { RequiresScope } from '@supportlens/platform';
import { DataSource } from 'typeorm';
import { CandidatesRepository } from '../candidates/candidates.repository';
import { ChurnRiskRepository } from '../churn-risk/churn-risk.repository';
import { CustomerProfileView, OpenCandidacy, OpenChurnRisk } from './customer-profile.view';
import { CustomerProfilesRepository } from './customer-profiles.repository';

@ApiTags('customers')
@RequiresScope('insights:read')
@Controller('v1/customers')
export class CustomersController {
  private readonly candidates: CandidatesRepository;

  constructor(
    private readonly profiles: CustomerProfilesRepository,
    private readonly churnRisk: ChurnRiskRepository,
    @InjectDataSource() dataSource: DataSource,
  ) {
    this.candidates = new CandidatesRepository(dataSource);
  }

  @Get(':id')
  @ApiOperation({
    summary: 'A customer profile and its open insights',
    description:
      'The profile kept from the customer’s cases and surveys, and its open insights with their evidence.',
  })
  @ApiParam({
    name: 'id',
    description: 'The customer id the help desk and survey tool send.',
    example: 'cust-42',
  })
  @ApiOkResponse({
    description:
      'The profile (segment, lifetime value, consent, case and survey counts and windows, satisfaction trends, time to resolution against the norm, tone of recent cases) and `insights`: the open churn-risk insight and case-study candidacy with their evidence, each null when there is none.',
  })
  @ApiNotFoundResponse({ description: 'No case or survey of this customer has been seen (problem+json).' })
  async profile(@Param('id') id: string): Promise<CustomerProfileView> {
    const profile = await this.profiles.find(id);
    if (!profile) throw new NotFoundException(`no customer ${id} has been seen`);
    const [risk, candidacy] = await Promise.all([this.churnRisk.openFor(id), this.candidates.openFor(id)]);
    let churnRisk: OpenChurnRisk | null = null;
    if (risk) {
      const { customerId: _customerId, segment: _segment, lifetimeValue: _lifetimeValue, ...rest } = risk;
      churnRisk = rest;
    }
    let caseStudyCandidate: OpenCandidacy | null = null;
    if (candidacy) {
      const {
        customerId: _customerId,
        segment: _segment,
        lifetimeValue: _lifetimeValue,
        ...rest
      } = candidacy;
      caseStudyCandidate = rest;
    }
    return { ...profile, churnRisk, insights: { churnRisk, caseStudyCandidate } };
  }
}
