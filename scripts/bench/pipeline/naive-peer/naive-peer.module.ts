import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NaiveRecord } from './naive-record.entity';
import { NaiveRecordsController } from './naive-records.controller';

@Module({
  imports: [
    TypeOrmModule.forRoot({
      type: 'postgres',
      url: process.env.DATABASE_URL,
      entities: [NaiveRecord],
      synchronize: false,
    }),
    TypeOrmModule.forFeature([NaiveRecord]),
  ],
  controllers: [NaiveRecordsController],
})
export class NaivePeerModule {}
