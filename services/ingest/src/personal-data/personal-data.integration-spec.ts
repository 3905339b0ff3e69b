import { INestApplication } from '@nestjs/common';
import { deadLetterTopic, Topics } from '@supportlens/contracts';
import {
  aCase,
  aSurveyResponse,
  createApiKey,
  RawProducer,
  ReadMessage,
  startService,
  TopicReader,
  waitFor,
  withApiKey,
} from '@supportlens/testing';
import { Kafka, logLevel, Producer } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { AppModule } from '../app.module';
import { erasureEventId } from './domain/erasure-event-id';

/**
 * Personal data stays in ingest, on the real broker and database: what ingest publishes and
 * dead-letters carries the customer id and no name or e-mail, the contact details are served only to
 * a key with the personal-data scopes, and an erasure removes them for good — a re-send or a replay
 * of what was sent before it brings nothing back, a newer record is stored as usual.
 */
describe('personal data in ingest', () => {
  const brokers = process.env.KAFKA_BROKERS!;
  let app: INestApplication;
  let url: string;
  let pool: Pool;
  let producer: RawProducer;
  let timedProducer: Producer;
  let cases: TopicReader;
  let surveys: TopicReader;
  let erasures: TopicReader;
  let ticketLetters: TopicReader;
  let insightsKey: string;
  let readerKey: string;

  beforeAll(async () => {
    // The outbox timer, fast enough for a test to watch it.
    process.env.INGEST_ERASURE_PUBLISH_INTERVAL_MS = '300';
    ({ app, url } = await startService(AppModule));
    pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 3 });
    producer = await RawProducer.connect(brokers);
    timedProducer = new Kafka({
      clientId: 'pii-it',
      brokers: brokers.split(','),
      logLevel: logLevel.NOTHING,
    }).producer();
    await timedProducer.connect();
    cases = await TopicReader.start(brokers, Topics.Cases);
    surveys = await TopicReader.start(brokers, Topics.Surveys);
    erasures = await TopicReader.start(brokers, Topics.CustomerErasures);
    ticketLetters = await TopicReader.start(brokers, deadLetterTopic(Topics.TicketsRaw));
    insightsKey = (await createApiKey(process.env.DATABASE_URL!, 'pii-it insights', ['insights:read'])).key;
    readerKey = (await createApiKey(process.env.DATABASE_URL!, 'pii-it reader', ['personal-data:read'])).key;
  });

  afterAll(async () => {
    for (const reader of [cases, surveys, erasures, ticketLetters]) await reader?.stop();
    await timedProducer?.disconnect();
    await producer?.disconnect();
    await app?.close();
    await pool?.end();
    delete process.env.INGEST_ERASURE_PUBLISH_INTERVAL_MS;
  });

  const post = (path: string, body: unknown) =>
    fetch(
      `${url}${path}`,
      withApiKey({
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
    );
  const personalData = (customerId: string, key?: string) =>
    fetch(`${url}/v1/customers/${encodeURIComponent(customerId)}/personal-data`, withApiKey({}, key));
  const erase = (customerId: string, key?: string) =>
    fetch(
      `${url}/v1/customers/${encodeURIComponent(customerId)}/personal-data`,
      withApiKey({ method: 'DELETE' }, key),
    );

  const published = (reader: TopicReader, customerId: string, count = 1) =>
    waitFor(`${count} message(s) of ${customerId}`, async () => {
      const found = reader.find((message) => message.key === customerId);
      return found.length >= count ? found : undefined;
    });

  /** Waits for a sentinel case sent after `send`'s messages, on the same partition: then they were handled. */
  async function handledThrough(
    send: (sentinel: Record<string, unknown>) => Promise<void>,
    customerId: string,
  ): Promise<void> {
    const sentinel = aCase({ customerId, customer: { id: customerId }, subject: 'sentinel' });
    await send(sentinel);
    await waitFor('the sentinel case', async () =>
      cases.find((m) => m.key === customerId && (m.value ?? '').includes(String(sentinel.caseId))).length > 0
        ? true
        : undefined,
    );
  }

  function expectNoContactDetails(messages: ReadMessage[], ...secrets: string[]): void {
    for (const message of messages) {
      const whole = JSON.stringify(message).toLowerCase();
      for (const secret of secrets) expect(whole).not.toContain(secret.toLowerCase());
    }
  }

  it('publishes cases and surveys without name or e-mail and with contact details masked in their text', async () => {
    const customerId = `cust-pii-${randomUUID()}`;
    const supportCase = aCase({
      customer: { id: customerId, name: 'Ana Lima', email: 'Ana.Lima@Example.com', segment: { plan: 'pro' } },
      subject: 'Call me back on +44 20 7946 0958',
      description: 'Please send the invoice to ana.lima@example.com, not to billing@acme.example.',
    });
    const survey = aSurveyResponse({
      customer: { id: customerId, email: 'ana.lima@example.com' },
      comment: 'Fine. Reach me at ana.lima@example.com',
    });

    expect((await post('/v1/cases', supportCase)).status).toBe(202);
    expect((await post('/v1/surveys', survey)).status).toBe(202);

    const [event] = await published(cases, customerId);
    const data = JSON.parse(event.value!) as Record<string, any>;
    expect(data.customer).toEqual({ id: customerId, segment: { plan: 'pro' } });
    expect(data.subject).toBe('Call me back on [phone]');
    expect(data.description).toBe('Please send the invoice to [email], not to [email].');
    expect(event.headers.ce_subject).toBe(customerId);
    const [surveyEvent] = await published(surveys, customerId);
    expect(JSON.parse(surveyEvent.value!)).toMatchObject({
      customer: { id: customerId },
      comment: 'Fine. Reach me at [email]',
    });
    expectNoContactDetails([event, surveyEvent], 'ana.lima', 'Ana Lima', 'billing@acme', '7946');

    const response = await personalData(customerId);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      customerId,
      name: 'Ana Lima',
      email: 'ana.lima@example.com',
      updatedAt: expect.any(String),
    });
  });

  it('keeps the newest name and e-mail field by field; an older record only fills a missing one', async () => {
    const customerId = `cust-pii-${randomUUID()}`;
    const version = (updatedAt: string, customer: Record<string, unknown>) =>
      aCase({ customer: { id: customerId, ...customer }, updatedAt });
    const details = async () => (await (await personalData(customerId)).json()) as Record<string, unknown>;

    // One batch, out of order: per field, the newest record that carries it wins.
    expect(
      (
        await post('/v1/cases', [
          version('2026-11-02T10:00:00Z', { email: 'new@example.com' }),
          version('2026-11-02T09:00:00Z', { name: 'Ana Lima', email: 'old@example.com' }),
        ])
      ).status,
    ).toBe(202);
    expect(await details()).toMatchObject({ name: 'Ana Lima', email: 'new@example.com' });

    // Older than what is stored: changes nothing it already has.
    expect(
      (
        await post(
          '/v1/cases',
          version('2026-11-01T00:00:00Z', { name: 'Stale', email: 'stale@example.com' }),
        )
      ).status,
    ).toBe(202);
    expect(await details()).toMatchObject({ name: 'Ana Lima', email: 'new@example.com' });

    // Newer: replaces the field it carries and keeps the other.
    expect((await post('/v1/cases', version('2026-11-03T00:00:00Z', { name: 'Ana Sousa' }))).status).toBe(
      202,
    );
    expect(await details()).toMatchObject({ name: 'Ana Sousa', email: 'new@example.com' });
  });

  it('serves contact details only to a key with personal-data:read, and erases only with personal-data:erase', async () => {
    const customerId = `cust-pii-${randomUUID()}`;
    expect((await post('/v1/cases', aCase({ customerId }))).status).toBe(202);
    await waitFor('the contact details', async () =>
      (await personalData(customerId)).status === 200 ? true : undefined,
    );

    const refused = await personalData(customerId, insightsKey);
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect((await personalData(customerId, readerKey)).status).toBe(200);
    expect((await erase(customerId, readerKey)).status).toBe(403);
    expect((await erase(customerId, insightsKey)).status).toBe(403);

    const unknown = await personalData(`cust-never-${randomUUID()}`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toContain('application/problem+json');
    expect((await personalData('x'.repeat(201))).status).toBe(400);

    const openapi = (await (await fetch(`${url}/docs/openapi.json`, withApiKey())).json()) as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    const path = openapi.paths['/v1/customers/{id}/personal-data'];
    expect(Object.keys(path.get.responses)).toEqual(expect.arrayContaining(['200', '404']));
    expect(Object.keys(path.delete.responses)).toEqual(expect.arrayContaining(['202', '503']));
  });

  it('erases, announces the erasure, and lets only records newer than it store contact details again', async () => {
    const customerId = `cust-pii-${randomUUID()}`;
    const old = aCase({
      customer: { id: customerId, name: 'Ana Lima', email: 'ana.lima@example.com' },
      updatedAt: '2026-11-02T09:30:00Z',
    });
    expect((await post('/v1/cases', old)).status).toBe(202);
    expect((await personalData(customerId)).status).toBe(200);

    const erased = await erase(customerId);
    expect(erased.status).toBe(202);
    const receipt = (await erased.json()) as { customerId: string; erasedAt: string };
    expect(receipt).toEqual({ customerId, erasedAt: expect.stringMatching(/^\d{4}-.*\.\d{3}Z$/) });

    const [event] = await published(erasures, customerId);
    expect(JSON.parse(event.value!)).toEqual(receipt);
    expect(event.headers).toMatchObject({
      ce_id: erasureEventId(customerId, receipt.erasedAt),
      ce_type: 'dev.supportlens.support.customer.erasure.v1',
      ce_source: '/supportlens/ingest',
      ce_subject: customerId,
      ce_time: receipt.erasedAt,
    });
    await waitFor('the erasure marked published', async () => {
      const { rows } = await pool.query(
        'SELECT published_at FROM ingest.personal_data_erasures WHERE customer_id = $1',
        [customerId],
      );
      return rows[0]?.published_at ? true : undefined;
    });
    expect((await personalData(customerId)).status).toBe(404);

    // The old version again over HTTP, and a changed e-mail on a version as old: nothing is stored.
    const again = (await (await post('/v1/cases', old)).json()) as {
      accepted: Array<{ duplicate: boolean }>;
    };
    expect(again.accepted[0].duplicate).toBe(true);
    const oldButChanged = { ...old, customer: { id: customerId, email: 'ana@other.example.com' } };
    expect((await post('/v1/cases', oldButChanged)).status).toBe(202);
    // And the old version over the raw topic, as a replay of it would deliver it.
    await handledThrough(async (sentinel) => {
      await producer.send(Topics.TicketsRaw, [
        { key: customerId, value: JSON.stringify(old) },
        { key: customerId, value: JSON.stringify(sentinel) },
      ]);
    }, customerId);
    expect((await personalData(customerId)).status).toBe(404);

    // A version dated after the erasure is new information: stored.
    const newer = {
      ...old,
      status: 'open',
      customer: { id: customerId, name: 'Ana Lima-Sousa' },
      updatedAt: new Date(Date.parse(receipt.erasedAt) + 1_000).toISOString(),
    };
    expect((await post('/v1/cases', newer)).status).toBe(202);
    const stored = await personalData(customerId);
    expect(stored.status).toBe(200);
    expect(await stored.json()).toMatchObject({ customerId, name: 'Ana Lima-Sousa', email: null });
  });

  it('dates a raw record without updatedAt by its broker timestamp, so a replay after an erasure stores nothing', async () => {
    const customerId = `cust-pii-${randomUUID()}`;
    const record = aCase({ customer: { id: customerId, email: 'replayed@example.com' } });
    const sendAt = async (timestamp: number, value: Record<string, unknown>) => {
      await timedProducer.send({
        topic: Topics.TicketsRaw,
        acks: -1,
        messages: [{ key: customerId, value: JSON.stringify(value), timestamp: String(timestamp) }],
      });
    };
    expect((await erase(customerId)).status).toBe(202); // records may be in flight: recorded all the same

    // Sent a minute before the erasure (what a replay of the topic delivers): not stored.
    await handledThrough(async (sentinel) => {
      await sendAt(Date.now() - 60_000, record);
      await sendAt(Date.now() - 60_000, { ...sentinel, customer: { id: customerId } });
    }, customerId);
    expect((await personalData(customerId)).status).toBe(404);

    // Sent now, after the erasure: stored.
    await sendAt(Date.now(), { ...record, status: 'pending' });
    await waitFor('the newer record stored', async () =>
      (await personalData(customerId)).status === 200 ? true : undefined,
    );
  });

  it('publishes an erasure the request could not publish, from the outbox', async () => {
    const customerId = `cust-pii-${randomUUID()}`;
    // What a DELETE leaves behind when Kafka is away: the erasure recorded, its event pending.
    const { rows } = await pool.query(
      `INSERT INTO ingest.personal_data_erasures (customer_id, erased_at)
       VALUES ($1, date_trunc('milliseconds', now())) RETURNING erased_at`,
      [customerId],
    );
    const erasedAt = (rows[0].erased_at as Date).toISOString();

    const [event] = await published(erasures, customerId);
    expect(JSON.parse(event.value!)).toEqual({ customerId, erasedAt });
    expect(event.headers.ce_id).toBe(erasureEventId(customerId, erasedAt));
    await waitFor('the erasure marked published', async () => {
      const marked = await pool.query(
        'SELECT published_at FROM ingest.personal_data_erasures WHERE customer_id = $1',
        [customerId],
      );
      return marked.rows[0]?.published_at ? true : undefined;
    });
  });

  it('dead-letters an invalid raw record without its contact details, keeping the reason', async () => {
    const customerId = `cust-pii-${randomUUID()}`;
    const invalid = aCase({
      customer: { id: customerId, name: 'Ana Lima', email: 'ana.lima@example.com' },
      status: 'exploded',
      description: 'Mail me at ana.lima@example.com',
    });
    await producer.send(Topics.TicketsRaw, [
      { key: customerId, value: JSON.stringify(invalid) },
      { key: customerId, value: '{"customer": {"id": "x", "name": "Ana Lima", "email": "ana.lima@exa' },
    ]);

    const letters = await published(ticketLetters, customerId, 2);
    const byClass = Object.fromEntries(letters.map((letter) => [letter.headers.dlq_error_class, letter]));
    const redacted = JSON.parse(byClass.ContractViolation.value!) as Record<string, any>;
    expect(redacted.customer).toEqual({ id: customerId });
    expect(redacted.description).toBe('Mail me at [email]');
    expect(redacted.status).toBe('exploded');
    expect(byClass.ContractViolation.headers).toMatchObject({
      dlq_redacted: 'personal-data',
      dlq_error_message: expect.stringContaining('status'),
      dlq_original_topic: Topics.TicketsRaw,
    });
    expect(byClass.MalformedJson.value).toBe(
      '{"customer": {"id": "x", "name": "[redacted]", "email": "[redacted]"',
    );
    expect(byClass.MalformedJson.headers.dlq_redacted).toBe('personal-data');
    expectNoContactDetails(letters, 'ana.lima', 'Ana Lima');
  });

  it('answers 503 and publishes nothing while the contact details cannot be stored; the raw consumer retries', async () => {
    const customerId = `cust-pii-${randomUUID()}`;
    const blocker = await pool.connect();
    try {
      // Holds the customer's lock past the service's lock timeout (10 s): storing fails as with a database away.
      await blocker.query(`SELECT pg_advisory_lock(hashtextextended('ingest.personal_data:' || $1, 0))`, [
        customerId,
      ]);
      const response = await post('/v1/cases', aCase({ customerId }));
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('5');
      expect(response.headers.get('content-type')).toContain('application/problem+json');

      await producer.send(Topics.TicketsRaw, [
        { key: customerId, value: JSON.stringify(aCase({ customerId })) },
      ]);
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      expect(cases.find((m) => m.key === customerId)).toEqual([]);
    } finally {
      await blocker.query(`SELECT pg_advisory_unlock_all()`);
      blocker.release();
    }
    // The raw record was retried, not dead-lettered: it arrives with its contact details stored.
    await published(cases, customerId);
    expect((await personalData(customerId)).status).toBe(200);
    expect(ticketLetters.find((m) => m.key === customerId)).toEqual([]);
  });
});
