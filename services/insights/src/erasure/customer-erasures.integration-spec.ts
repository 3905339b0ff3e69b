import { INestApplication } from '@nestjs/common';
import { EventContracts, Topics } from '@supportlens/contracts';
import {
  aCase,
  cloudEventMessage,
  CloudEventMessage,
  RawProducer,
  startService,
  waitFor,
} from '@supportlens/testing';
import { randomInt } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppModule } from '../app.module';

/**
 * Erasure in insights, through the real broker and database: classified cases go in on
 * `support.cases.classified.v1` (published as the classifier would: masked phrasing, key terms), an
 * erasure on `support.customers.erasures.v1`. The erased customer's phrasings and terms leave the case
 * facts, `term_daily`, the content topics' examples and the outbox's content-topic events; counts and
 * ids stay; another customer's text stays. The same records published again (the same ids, which the
 * inbox drops, and new ids, which it does not) bring none of it back; a record dated after the
 * erasure is stored with its text.
 *
 * Every suite of a run shares the database and every run's app reads the input topics from their
 * start, so the scenario lives on a random far-future day (years 9991–9999, beyond the content-topics
 * suite's 2300–9000) and every id, code, term and word is this run's own.
 */
describe('customer erasure in insights (real Kafka and Postgres)', () => {
  const brokers = process.env.KAFKA_BROKERS!;
  let app: INestApplication;
  let dataSource: DataSource;
  let producer: RawProducer;

  const run = Array.from({ length: 10 }, () => 'abcdefghijklmnopqrtuvwxyz'[randomInt(25)]).join('');
  const DAY = 86_400_000;
  const day = randomInt(Date.UTC(9991, 0, 1) / DAY, Date.UTC(9999, 11, 1) / DAY);
  const at = (hour: number, minutes = 0) =>
    new Date(day * DAY + hour * 3_600_000 + minutes * 60_000).toISOString();
  const dayText = at(0).slice(0, 10);
  const erasedAt = at(12);
  const code = `er${run}.export`;

  const erased = `er-a-${run}`;
  const kept = `er-b-${run}`;
  /** Only in a customer's phrasings (the terms are given apart): where it appears, their text is. */
  const marker = (customerId: string) => `Lima${customerId === erased ? 'a' : 'b'}${run}`;
  /** Only in a customer's key terms. */
  const term = (customerId: string) => `zq${customerId === erased ? 'a' : 'b'}${run}`;

  /** A classified case of the run's issue code, in the term pool (low confidence), with its text. */
  function classified(customerId: string, label: string, opened: string, id?: string): CloudEventMessage {
    const data = {
      case: aCase({
        customerId,
        caseId: `er-${label}-${customerId}`,
        openedAt: opened,
        status: 'open',
        firstResponseAt: undefined, // the builder's are in 2026, before these cases opened
        resolvedAt: undefined,
        subject: 'Export',
        description: '[masked upstream]',
      }),
      classification: {
        issueCode: code,
        category: `er${run}`,
        confidence: 0.4,
        method: 'model',
        candidates: [],
        taxonomyVersion: 't-er',
        tone: { score: 0, label: 'neutral' },
        issueKind: 'how_to',
        phrasing: `How do I export the report, asks Ana ${marker(customerId)} (${label})?`,
        terms: ['export', term(customerId)],
      },
    };
    return cloudEventMessage(EventContracts.ClassifiedCase, data, { subject: customerId, time: opened, id });
  }

  // Six cases of one code on the day, the two customers' alternating: whichever five or six of them
  // a content-topic evaluation sees, its three latest examples quote both customers.
  const first = [0, 1, 2, 3, 4, 5].map((i) => classified(i % 2 ? erased : kept, `v1-${i}`, at(10, i)));

  const send = (topic: string, messages: CloudEventMessage[]) =>
    producer.send(
      topic,
      messages.map(({ key, value, headers }) => ({ key, value, headers })),
    );

  async function facts(customerId: string): Promise<Array<Record<string, unknown>>> {
    return dataSource.query(
      `SELECT case_id, event_id, issue_code, phrasing, terms FROM insights.case_facts
       WHERE customer_id = $1 ORDER BY case_id`,
      [customerId],
    );
  }

  async function counts(): Promise<{ cases: number; terms: Record<string, number> }> {
    const [{ cases }] = await dataSource.query(
      `SELECT coalesce(sum(cases), 0)::int AS cases FROM insights.case_daily
       WHERE group_kind = 'none' AND issue_code = $1 AND day = $2`,
      [code, dayText],
    );
    const rows: Array<{ term: string; cases: number }> = await dataSource.query(
      `SELECT term, sum(cases)::int AS cases FROM insights.term_daily WHERE term = ANY($1) AND day = $2
       GROUP BY term`,
      [[term(erased), term(kept)], dayText],
    );
    return { cases, terms: Object.fromEntries(rows.map((row) => [row.term, row.cases])) };
  }

  /** Where a customer's phrasings are quoted: content topics' evidence and the outbox's events. */
  async function quoted(customerId: string): Promise<{ topics: number; events: number }> {
    const [row] = await dataSource.query(
      `SELECT (SELECT count(*)::int FROM insights.content_topics WHERE evidence::text LIKE $1) AS topics,
              (SELECT count(*)::int FROM insights.insight_outbox WHERE data::text LIKE $1) AS events`,
      [`%${marker(customerId)}%`],
    );
    return row;
  }

  const processed = async (messages: CloudEventMessage[]) => {
    const [{ n }] = await dataSource.query(
      `SELECT count(*)::int AS n FROM insights.processed_events WHERE consumer = $1 AND event_id = ANY($2)`,
      [Topics.CasesClassified, messages.map((message) => message.id)],
    );
    return n === messages.length ? true : undefined;
  };

  beforeAll(async () => {
    ({ app } = await startService(AppModule));
    dataSource = app.get(DataSource);
    producer = await RawProducer.connect(brokers);
  });

  afterAll(async () => {
    await producer?.disconnect();
    await app?.close();
  });

  it('scrubs the erased customer’s text, keeps it out on a replay, and stores text given after the erasure', async () => {
    await send(Topics.CasesClassified, first);
    await waitFor('the cases applied', () => processed(first), { timeoutMs: 110_000 });
    // The topic is raised with examples of both customers, in its state and in its events.
    const quotedBefore = await waitFor('the content topic quoting both customers', async () => {
      const [a, b] = [await quoted(erased), await quoted(kept)];
      return a.topics > 0 && a.events > 0 && b.topics > 0 ? { a, b } : undefined;
    });
    const [factsA, factsB] = [await facts(erased), await facts(kept)];
    expect(factsA).toHaveLength(3);
    expect(factsA[0].phrasing).toContain(marker(erased));
    expect(factsA[0].terms).toEqual(['export', term(erased)]);
    expect(await counts()).toEqual({ cases: 6, terms: { [term(erased)]: 3, [term(kept)]: 3 } });

    await send(Topics.CustomerErasures, [
      cloudEventMessage(
        EventContracts.CustomerErasure,
        { customerId: erased, erasedAt },
        { subject: erased, source: '/it-erasure', time: erasedAt },
      ),
    ]);
    await waitFor('the erased customer’s text gone', async () =>
      (await facts(erased)).every((fact) => fact.phrasing === null) ? true : undefined,
    );
    expectErased(await facts(erased), factsA);
    expect(await facts(kept)).toEqual(factsB);
    // The cases still count; the erased customer's terms no longer do.
    expect(await counts()).toEqual({ cases: 6, terms: { [term(erased)]: 0, [term(kept)]: 3 } });
    expect(await quoted(erased)).toEqual({ topics: 0, events: 0 });
    expect(await quoted(kept)).toEqual(quotedBefore.b);
    const [ledger] = await dataSource.query(
      `SELECT erased_at FROM insights.customer_erasures WHERE customer_id = $1`,
      [erased],
    );
    expect(new Date(ledger.erased_at).toISOString()).toBe(erasedAt);

    // A replay: the same events (the inbox drops them), then the same records under new ids (as a
    // database whose inbox never saw them would take them): stored without the erased text.
    const again = first.map((message, i) =>
      classified(i % 2 ? erased : kept, `v1-${i}`, at(10, i), `${message.id}-again`),
    );
    await send(Topics.CasesClassified, [...first, ...again]);
    await waitFor('the replayed records applied', () => processed(again));
    const replayedA = await facts(erased);
    expect(replayedA.map((fact) => fact.event_id)).toEqual(
      again.filter((_, i) => i % 2).map((message) => message.id),
    );
    expect(replayedA.map(({ phrasing, terms }) => ({ phrasing, terms }))).toEqual(
      factsA.map(() => ({ phrasing: null, terms: null })),
    );
    expect((await facts(kept)).map(({ phrasing, terms }) => ({ phrasing, terms }))).toEqual(
      factsB.map(({ phrasing, terms }) => ({ phrasing, terms })),
    );
    expect(await counts()).toEqual({ cases: 6, terms: { [term(erased)]: 0, [term(kept)]: 3 } });
    expect(await quoted(erased)).toEqual({ topics: 0, events: 0 });

    // A record dated after the erasure is new data: stored with its text.
    const later = classified(erased, 'v2', at(13));
    await send(Topics.CasesClassified, [later]);
    await waitFor('the later record applied', () => processed([later]));
    const [laterFact] = (await facts(erased)).filter((fact) => fact.case_id === `er-v2-${erased}`);
    expect(laterFact.phrasing).toContain(marker(erased));
    expect(laterFact.terms).toEqual(['export', term(erased)]);
    expect(await counts()).toEqual({ cases: 7, terms: { [term(erased)]: 1, [term(kept)]: 3 } });
  }, 240_000);

  /** The erased customer's facts: no phrasing and no terms; everything else as before. */
  function expectErased(now: Array<Record<string, unknown>>, before: Array<Record<string, unknown>>): void {
    expect(now).toEqual(before.map((fact) => ({ ...fact, phrasing: null, terms: null })));
  }
});
