import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { ChurnRiskRepository } from '../churn-risk/churn-risk.repository';
import { CustomerProfileView } from './customer-profile.view';
import { CustomerProfilesRepository } from './customer-profiles.repository';

@Controller('v1/customers')
export class CustomersController {
  constructor(
    private readonly profiles: CustomerProfilesRepository,
    private readonly churnRisk: ChurnRiskRepository,
  ) {}

  @Get(':id')
  async profile(@Param('id') id: string): Promise<CustomerProfileView> {
    const profile = await this.profiles.find(id);
    if (!profile) throw new NotFoundException(`no customer ${id} has been seen`);
    const risk = await this.churnRisk.openFor(id);
    if (!risk) return { ...profile, churnRisk: null };
    const { customerId: _customerId, segment: _segment, lifetimeValue: _lifetimeValue, ...churnRisk } = risk;
    return { ...profile, churnRisk };
  }
}
