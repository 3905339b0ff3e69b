import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { CustomerProfileView } from './customer-profile.view';
import { CustomerProfilesRepository } from './customer-profiles.repository';

@Controller('v1/customers')
export class CustomersController {
  constructor(private readonly profiles: CustomerProfilesRepository) {}

  @Get(':id')
  async profile(@Param('id') id: string): Promise<CustomerProfileView> {
    const profile = await this.profiles.find(id);
    if (!profile) throw new NotFoundException(`no customer ${id} has been seen`);
    return profile;
  }
}
