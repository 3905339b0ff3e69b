import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Erasure, latestErasurePerCustomer, Topics } from '@supportlens/contracts';
import { claimNewEvents } from '@supportlens/persistence';
import { DataSource } from 'typeorm';
import { ContentTopicsRepository } from '../content-topics/content-topics.repository';
import { InsightOutbox } from '../outbox/insight-outbox';
import { SatisfactionRollup } from '../satisfaction/satisfaction-rollup';
import { CaseWindowsRepository } from '../windows/case-windows.repository';
import { CustomerErasuresRepository } from './customer-erasures.repository';
import { erasedCaseTextChanges } from './erased-case-text';
import { ErasedCaseFactsRepository } from './erased-case-facts.repository';

/** An erasure as read from the topic: its event id (for the inbox) and what it says. */
export interface ErasureEvent {
  eventId: string;
  erasure: Erasure;
}

/**
 * Applies erasures to the read models, one transaction per batch: claim the event ids in the inbox,
 * record each customer's erasure in the ledger (the later one wins), then drop the free text of
 * their case facts versioned up to it (phrasing and key terms), their terms' counts in `term_daily`,
 * and the example phrasings quoting those facts in the content topics' evidence and in the outbox's
 * content-topic events. Counts, figures and ids stay; no insight is re-evaluated (the next batch
 * does that, from the scrubbed facts). The ledger then keeps a replay or a late re-send of those
 * facts from bringing the text back (ReadModelWriter).
 *
 * Locks, in the writer's global order: the customers' (exclusive; writers take them shared) → the
 * cases' → the facts → the windows' rows → the topics' → the outbox's publisher lock.
 */
@Injectable()
export class CustomerErasureWriter {
  private readonly logger = new Logger(CustomerErasureWriter.name);
  private readonly ledger = new CustomerErasuresRepository();
  private readonly facts = new ErasedCaseFactsRepository();
  private readonly windows = new CaseWindowsRepository();
  private readonly contentTopics = new ContentTopicsRepository();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly satisfaction: SatisfactionRollup,
    private readonly outbox: InsightOutbox,
  ) {}

  /** Returns how many events were new (the rest were duplicates). */
  async apply(consumer: string, events: readonly ErasureEvent[]): Promise<number> {
    const outcome = await this.dataSource.transaction(async (manager) => {
      const fresh = await claimNewEvents(
        manager,
        'insights',
        consumer,
        events.map((event) => event.eventId),
      );
      const applied = [...new Map(events.map((event) => [event.eventId, event])).values()].filter((event) =>
        fresh.has(event.eventId),
      );
      const erasures = latestErasurePerCustomer(applied.map((event) => event.erasure));
      if (erasures.length === 0) return { applied: 0, facts: 0, topics: 0, events: 0 };

      const recorded = await this.ledger.record(manager, erasures);
      await this.satisfaction.lockFacts(manager, await this.facts.caseIds(manager, recorded), []);
      // Read again under the case locks: a fact can only have moved to another customer meanwhile.
      const facts = await this.facts.facts(manager, recorded);
      if (facts.length === 0) return { applied: applied.length, facts: 0, topics: 0, events: 0 };
      const changes = erasedCaseTextChanges(facts);
      await this.facts.scrub(manager, facts);
      await this.windows.applyDeltas(manager, changes.windows);
      await this.contentTopics.lock(manager, changes.topicKeys);
      const topics = await this.contentTopics.removeExamples(manager, changes.topicKeys, changes.examples);
      const outboxEvents = await this.outbox.removeExamples(
        manager,
        Topics.ContentTopicInsights,
        changes.examples,
      );
      return { applied: applied.length, facts: facts.length, topics, events: outboxEvents };
    });
    if (outcome.applied > 0) {
      this.logger.log(
        `applied ${outcome.applied} erasures: text of ${outcome.facts} case facts, examples of ` +
          `${outcome.topics} content topics and ${outcome.events} content-topic events`,
      );
    }
    return outcome.applied;
  }
}
