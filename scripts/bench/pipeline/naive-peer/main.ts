import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { MicroserviceOptions, Transport } from '@nestjs/microservices';
import { NaivePeerModule } from './naive-peer.module';

/**
 * The naive peer of `npm run bench`, run as its own process: a NestJS microservice on the built-in
 * Kafka transport, with the defaults a team gets when it follows the documentation.
 */
async function bootstrap(): Promise<void> {
  const app = await NestFactory.createMicroservice<MicroserviceOptions>(NaivePeerModule, {
    logger: ['error', 'warn'],
    transport: Transport.KAFKA,
    options: {
      client: { clientId: 'bench-naive-peer', brokers: (process.env.KAFKA_BROKERS ?? '').split(',') },
      consumer: { groupId: process.env.NAIVE_GROUP_ID ?? 'bench-naive-peer' },
      subscribe: { fromBeginning: true },
    },
  });
  app.enableShutdownHooks();
  await app.listen();
  // Tells the bench it is consuming.
  process.stdout.write('naive peer listening\n');
}

void bootstrap();
