import { INestApplication } from '@nestjs/common';
import { EventContracts, Topics } from '@supportlens/contracts';
import {
  aCase,
  cloudEventMessage,
  CloudEventMessage,
  RawProducer,
  startGroupsAtEnd,
  startService,
  TopicReader,
  waitFor,
} from '@supportlens/testing';
import { randomInt } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppModule } from '../app.module';

/**
 * Erasure in the classifier, through the real broker and database: cases go in on `support.cases.v1`,
 * an erasure on `support.customers.erasures.v1`. The erased customer's text leaves the labelled
 * examples and the emerging-topics terms and samples (labels, counts and ids stay), another
 * customer's stays, the same cases delivered again (a replay) bring none of it back, and a case dated
 * after the erasure is stored with its text.
 *
 * The app's groups start at the topics' current end (other suites' backlog is skipped); every id and
 * word is this run's own anyway, and the cases live on a random far-future day (years 9991–9999) that
 * no other suite uses.
 */
describe('customer erasure in the classifier (real Kafka and Postgres)', () => {
  const brokers = process.env.KAFKA_BROKERS!;
  let app: INestApplication;
  let dataSource: DataSource;
  let producer: RawProducer;
  let classified: TopicReader;

  // Letters only: digits in a word could be masked as a number, and a final "s" read as a plural.
  const run = Array.from({ length: 10 }, () => 'abcdefghijklmnopqrtuvwxyz'[randomInt(25)]).join('');
  const DAY = 86_400_000;
  const day = randomInt(Date.UTC(9991, 0, 1) / DAY, Date.UTC(9999, 11, 1) / DAY);
  const at = (hour: number) => new Date(day * DAY + hour * 3_600_000).toISOString();
  const dayText = at(0).slice(0, 10);
  const erasedAt = at(12);

  const erased = `er-a-${run}`;
  const kept = `er-b-${run}`;
  /** A word only this run's cases of a customer contain (key terms are lower case). */
  const word = (customer: string) => `zq${customer === erased ? 'a' : 'b'}${run}`;

  /** An agent-coded case (a labelled example) and a case nothing recognises (the low-confidence pool). */
  function casesOf(customerId: string, hour: number, label: string): CloudEventMessage[] {
    const opened = at(hour);
    const labelled = aCase({
      customerId,
      caseId: `er-${label}-labelled-${customerId}`,
      issueCode: 'billing.invoice',
      subject: 'Invoice',
      description: `Ana Lima here, the invoice ${word(customerId)} is wrong, call me on +44 20 7946 0958`,
      openedAt: opened,
      status: 'open',
      firstResponseAt: undefined, // the builder's are in 2026, before these cases opened
      resolvedAt: undefined,
    });
    const unknown = aCase({
      customerId,
      caseId: `er-${label}-pool-${customerId}`,
      subject: 'Blorptex',
      description: `Ana Lima: the ${word(customerId)} snarfle wibbleguard keeps frobbling`,
      openedAt: opened,
      status: 'open',
      firstResponseAt: undefined, // the builder's are in 2026, before these cases opened
      resolvedAt: undefined,
    });
    return [labelled, unknown].map((data) =>
      cloudEventMessage(EventContracts.Case, data, {
        subject: customerId,
        source: '/it-erasure',
        time: opened,
      }),
    );
  }

  const send = (topic: string, messages: CloudEventMessage[]) =>
    producer.send(
      topic,
      messages.map(({ key, value, headers }) => ({ key, value, headers })),
    );

  interface Stored {
    examples: Array<{ case_id: string; customer_id: string | null; text: string | null; issue_code: string }>;
    samples: Array<{ case_id: string; text_masked: string | null; classified_as: string }>;
    terms: Array<{ case_id: string; customer_id: string | null; terms: string[] }>;
  }

  async function stored(customerId: string): Promise<Stored> {
    const like = `er-%-${customerId}`;
    return {
      examples: await dataSource.query(
        `SELECT case_id, customer_id, text, issue_code FROM classifier.labelled_examples
         WHERE case_id LIKE $1 ORDER BY case_id`,
        [like],
      ),
      samples: await dataSource.query(
        `SELECT case_id, text_masked, classified_as FROM classifier.low_confidence_cases
         WHERE case_id LIKE $1 ORDER BY case_id`,
        [like],
      ),
      terms: await dataSource.query(
        `SELECT case_id, customer_id, terms FROM classifier.case_terms WHERE case_id LIKE $1 ORDER BY case_id`,
        [like],
      ),
    };
  }

  /** The row versions (xmin) of these customers' labelled examples, in case order. */
  async function exampleVersions(customerIds: string[]): Promise<string[]> {
    const rows: Array<{ version: string }> = await dataSource.query(
      `SELECT xmin::text AS version FROM classifier.labelled_examples
       WHERE case_id LIKE ANY($1) ORDER BY case_id`,
      [customerIds.map((customerId) => `er-%-${customerId}`)],
    );
    return rows.map((row) => row.version);
  }

  async function documents(): Promise<{ total: number; withWord: Record<string, number> }> {
    const [{ total }] = await dataSource.query(
      `SELECT coalesce(sum(documents), 0)::int AS total FROM classifier.term_document_totals WHERE day = $1`,
      [dayText],
    );
    const rows: Array<{ term: string; documents: number }> = await dataSource.query(
      `SELECT term, documents FROM classifier.term_document_frequency WHERE day = $1 AND term = ANY($2)`,
      [dayText, [word(erased), word(kept)]],
    );
    return { total, withWord: Object.fromEntries(rows.map((row) => [row.term, row.documents])) };
  }

  /** What the classifier published for a customer, in order (one customer's events share a partition). */
  const classifiedOf = (customerId: string) => classified.find((message) => message.key === customerId);

  beforeAll(async () => {
    // Only this test's cases: the backlog other suites left on the shared topics is not its business.
    const prefix = `${process.env.KAFKA_GROUP_ID_PREFIX}.classifier`;
    await startGroupsAtEnd(brokers, [
      { groupId: `${prefix}.cases`, topic: Topics.Cases },
      { groupId: `${prefix}.customer-erasures`, topic: Topics.CustomerErasures },
    ]);
    ({ app } = await startService(AppModule));
    dataSource = app.get(DataSource);
    producer = await RawProducer.connect(brokers);
    classified = await TopicReader.start(brokers, Topics.CasesClassified);
  });

  afterAll(async () => {
    await classified?.stop();
    await producer?.disconnect();
    await app?.close();
  });

  it('scrubs the erased customer’s text, keeps it out on a replay, and stores text given after the erasure', async () => {
    const first = [...casesOf(erased, 9, 'v1'), ...casesOf(kept, 9, 'v1')];
    await send(Topics.Cases, first);
    const before = await waitFor(
      'the cases stored with their text',
      async () => {
        const [a, b] = [await stored(erased), await stored(kept)];
        const complete = (s: Stored) =>
          s.examples.length === 1 && s.samples.length === 1 && s.terms.length === 2;
        return complete(a) && complete(b) ? { a, b } : undefined;
      },
      { timeoutMs: 110_000 },
    );
    // Stored masked, with whose case it is.
    expect(before.a.examples[0]).toMatchObject({ customer_id: erased, issue_code: 'billing.invoice' });
    expect(before.a.examples[0].text).toContain('Ana Lima');
    expect(before.a.examples[0].text).not.toContain('7946');
    expect(before.a.samples[0].text_masked).toContain(word(erased));
    expect(before.a.terms.map((t) => t.customer_id)).toEqual([erased, erased]);
    expect(before.a.terms[0].terms).toContain(word(erased));
    expect(await documents()).toEqual({ total: 4, withWord: { [word(erased)]: 2, [word(kept)]: 2 } });

    await send(Topics.CustomerErasures, [
      cloudEventMessage(
        EventContracts.CustomerErasure,
        { customerId: erased, erasedAt },
        { subject: erased, source: '/it-erasure', time: erasedAt },
      ),
    ]);
    const after = await waitFor('the erased customer’s text gone', async () => {
      const a = await stored(erased);
      return a.examples[0]?.text === null ? a : undefined;
    });
    expectNoText(after, before.a);
    // The other customer is untouched.
    expect(await stored(kept)).toEqual(before.b);
    // The cases still count on their day; the erased words no longer do.
    expect(await documents()).toEqual({ total: 4, withWord: { [word(kept)]: 2 } });
    const [ledger] = await dataSource.query(
      `SELECT erased_at FROM classifier.customer_erasures WHERE customer_id = $1`,
      [erased],
    );
    expect(new Date(ledger.erased_at).toISOString()).toBe(erasedAt);

    // A replay: the same cases delivered again (the classifier keeps no inbox, it re-applies them).
    // Its output is produced beside its writes, so the writes are awaited by what they change: the
    // examples' row versions (an upsert of equal values still writes a new one).
    await waitFor('the first classified cases', async () =>
      classifiedOf(erased).length === 2 && classifiedOf(kept).length === 2 ? true : undefined,
    );
    const versionsBefore = await exampleVersions([erased, kept]);
    await send(Topics.Cases, first);
    await waitFor('the replayed cases classified again', async () =>
      classifiedOf(erased).length === 4 && classifiedOf(kept).length === 4 ? true : undefined,
    );
    await waitFor('the replayed cases stored again', async () => {
      const versions = await exampleVersions([erased, kept]);
      return versions.length === versionsBefore.length &&
        versions.every((version, i) => version !== versionsBefore[i])
        ? true
        : undefined;
    });
    expectNoText(await stored(erased), before.a);
    expect(await stored(kept)).toEqual(before.b);
    expect(await documents()).toEqual({ total: 4, withWord: { [word(kept)]: 2 } });
    // What the replay published for the erased customer carries none of the text either.
    for (const message of classifiedOf(erased).slice(2)) {
      expect(message.value).not.toContain('Ana Lima');
      expect(message.value).not.toContain(word(erased));
    }

    // Cases dated after the erasure are new data: stored with their text.
    await send(Topics.Cases, casesOf(erased, 13, 'v2'));
    const later = await waitFor('the later cases stored', async () => {
      const a = await stored(erased);
      return a.examples.length === 2 && a.samples.length === 2 ? a : undefined;
    });
    const laterExample = later.examples.find((e) => e.case_id.startsWith('er-v2-'))!;
    expect(laterExample.text).toContain('Ana Lima');
    expect(later.samples.find((s) => s.case_id.startsWith('er-v2-'))!.text_masked).toContain(word(erased));
    expect(later.examples.find((e) => e.case_id.startsWith('er-v1-'))!.text).toBeNull();
    expect(await documents()).toEqual({ total: 6, withWord: { [word(erased)]: 2, [word(kept)]: 2 } });
  }, 240_000);

  /** The erased customer's rows: no text left, label, classification, day and ids as before. */
  function expectNoText(now: Stored, before: Stored): void {
    expect(now.examples).toEqual(before.examples.map((row) => ({ ...row, text: null })));
    expect(now.samples).toEqual(before.samples.map((row) => ({ ...row, text_masked: null })));
    expect(now.terms).toEqual(before.terms.map((row) => ({ ...row, terms: [] })));
  }
});
