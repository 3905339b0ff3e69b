import { INestApplication } from '@nestjs/common';
import { deadLetterTopic, Topics } from '@supportlens/contracts';
import { aCase, RawProducer, startService, TopicReader, waitFor, withKafkaAdmin } from '@supportlens/testing';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { AppModule } from '../app.module';
import { IntakeService } from '../intake/intake.service';

/**
 * The raw topics' partition batches of one fetch are accepted as one round (RawIntakeRounds), on the
 * real broker and database: a record that fails the round for a reason of its own (a value Postgres
 * refuses) is isolated and dead-lettered, and every other record of the round, from its own partition
 * and from the others, is published exactly once.
 */
describe('raw intake rounds', () => {
  const brokers = process.env.KAFKA_BROKERS!;
  let app: INestApplication;
  let pool: Pool;
  let producer: RawProducer;
  let cases: TopicReader;
  let ticketLetters: TopicReader;

  beforeAll(async () => {
    ({ app } = await startService(AppModule));
    pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
    producer = await RawProducer.connect(brokers);
    cases = await TopicReader.start(brokers, Topics.Cases);
    ticketLetters = await TopicReader.start(brokers, deadLetterTopic(Topics.TicketsRaw));
  });

  const partitionCount = (topic: string): Promise<number> =>
    withKafkaAdmin(
      brokers,
      'rounds-it',
      async (admin) => (await admin.fetchTopicMetadata({ topics: [topic] })).topics[0].partitions.length,
    );

  afterAll(async () => {
    await pool?.query(`DROP TRIGGER IF EXISTS refuse_test_name ON ingest.personal_data;
                       DROP FUNCTION IF EXISTS ingest.refuse_test_name()`);
    await pool?.end();
    for (const reader of [cases, ticketLetters]) await reader?.stop();
    await producer?.disconnect();
    await app?.close();
  });

  it('dead-letters the one record Postgres refuses and publishes the rest of its round once', async () => {
    const run = randomUUID().slice(0, 8);
    // Twelve customers spread over every partition of the topic; two cases each, so the poison's
    // partition batch holds valid records too.
    const customers = Array.from({ length: 12 }, (_, i) => `cust-round-${run}-${i}`);
    const partitions = await partitionCount(Topics.TicketsRaw);
    const partitionOf = new Map(customers.map((customerId, i) => [customerId, i % partitions]));
    // What each accept call (one per round, or per batch re-run alone) held, as partitions.
    const rounds: Array<Set<number>> = [];
    const intake = app.get(IntakeService);
    const accept = intake.accept.bind(intake);
    jest.spyOn(intake, 'accept').mockImplementation((kind, records, receivedAt) => {
      const ids = (records as Array<{ customer: { id: string } }>).map((record) => record.customer.id);
      if (ids.some((id) => partitionOf.has(id))) rounds.push(new Set(ids.map((id) => partitionOf.get(id)!)));
      return accept(kind, records, receivedAt);
    });
    const poisonCustomer = customers[5];
    const poison = aCase({ customerId: poisonCustomer, customer: { id: poisonCustomer, name: 'Refused' } });
    // The contract already refuses every value we know Postgres would; a trigger stands in for one it
    // does not: storing this name fails with a data exception (class 22), as a refused value would.
    await pool.query(`
      DROP TRIGGER IF EXISTS refuse_test_name ON ingest.personal_data;
      CREATE OR REPLACE FUNCTION ingest.refuse_test_name() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.name = 'Refused' THEN
          RAISE EXCEPTION 'value refused for %', NEW.customer_id USING ERRCODE = '22023';
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER refuse_test_name BEFORE INSERT OR UPDATE ON ingest.personal_data
        FOR EACH ROW EXECUTE FUNCTION ingest.refuse_test_name();`);
    const valid = customers.flatMap((customerId) =>
      [1, 2].map((n) =>
        aCase({ customerId, customer: { id: customerId, name: 'Ana Lima' }, subject: `round ${n}` }),
      ),
    );
    await producer.send(Topics.TicketsRaw, [
      ...valid.map((record) => ({
        key: (record.customer as { id: string }).id,
        value: JSON.stringify(record),
        partition: partitionOf.get((record.customer as { id: string }).id),
      })),
      { key: poisonCustomer, value: JSON.stringify(poison), partition: partitionOf.get(poisonCustomer) },
    ]);

    const [letter] = await waitFor('the poison record dead-lettered', async () => {
      const found = ticketLetters.find((message) => message.key === poisonCustomer);
      return found.length > 0 ? found : undefined;
    });
    expect(letter.headers).toMatchObject({
      dlq_error_class: 'HandlerFailure',
      dlq_original_topic: Topics.TicketsRaw,
    });
    expect(letter.headers.dlq_error_message).toContain(`value refused for ${poisonCustomer}`);

    const ofRun = () => cases.find((message) => customers.includes(message.key ?? ''));
    await waitFor('every valid record published', async () =>
      ofRun().length >= valid.length ? true : undefined,
    );
    const caseIds = ofRun().map((message) => (JSON.parse(message.value!) as { caseId: string }).caseId);
    expect(caseIds.sort()).toEqual(valid.map((record) => String(record.caseId)).sort());
    expect(caseIds).not.toContain(poison.caseId);
    // The partitions' batches went in rounds: some accept call held records of several partitions.
    expect(Math.max(...rounds.map((round) => round.size))).toBeGreaterThan(1);
  });
});
