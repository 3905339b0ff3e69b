import { derivedEventId, EventContract, EventContracts } from '@supportlens/contracts';
import { seededRandom, zipfSampler } from './random';
import { CaseDraft, CaseDrafts } from './synthetic-cases';
import { SyntheticCustomer, syntheticCustomers } from './synthetic-customers';
import { SurveyDrafts } from './synthetic-surveys';

/** One event for insights' input topics: a classified case version or a scored survey response. */
export interface LoadEvent {
  contract: EventContract;
  /** The customer id: the Kafka key and the CloudEvents subject. */
  key: string;
  /** The CloudEvents id: unique per record version, as the pipeline makes it. */
  id: string;
  /** The record version's own time (its `updatedAt`). */
  versionTime: Date;
  data: object;
}

export interface SyntheticLoadOptions {
  seed: number;
  customers: number;
  /** Goes into every id (customers, cases, responses, event ids), so two loads never share a record. */
  namespace: string;
  /**
   * Also label segment values, agents and issue codes with the namespace, so that aggregate rows
   * (per segment, per issue code, per agent) hold only this load's records.
   */
  namespaceGroups?: boolean;
  /** Record time of the first event; each later event is `spacingMs` later. */
  start: Date;
  spacingMs: number;
  /** A case is solved, and surveyed, up to this many events after it opened. */
  maxFollowUpSlots: number;
  /** Traffic skew over customers: Zipf exponent (0 = uniform). */
  skew?: number;
  /** From this event on, a new issue code rises (see CaseDrafts); never when absent. */
  trendFromSlot?: number;
}

const TWO_VERSION_SHARE = 0.35;
const SURVEYED_CASE_SHARE = 0.18;
const IMAGE_SURVEY_SHARE = 0.06;

/**
 * A fixed, seeded stream of insights input, in the order the pipeline would publish it: new cases
 * (most solved at once, about a third opened first and solved later), transactional surveys some
 * time after a case is solved (about one case in five), and image surveys. About one survey per four
 * cases overall. Customers are drawn with a Zipf skew, so a few large customers send much of the
 * traffic and their partitions are the busy ones. Issue codes are skewed too, one segment
 * over-indexes on a code, and a new code can rise from a given event on (see CaseDrafts).
 */
export class SyntheticLoad {
  readonly customers: readonly SyntheticCustomer[];
  private readonly random;
  private readonly drawCustomer: () => number;
  private readonly cases: CaseDrafts;
  private readonly surveys: SurveyDrafts;
  /** Follow-ups (solved versions, surveys) by the slot they are due at. */
  private readonly due = new Map<number, Array<() => LoadEvent>>();
  private readonly ready: Array<() => LoadEvent> = [];
  private slot = 0;

  constructor(private readonly options: SyntheticLoadOptions) {
    this.random = seededRandom(options.seed);
    const ns = options.namespace;
    const group = options.namespaceGroups ? (value: string) => `${ns}-${value}` : (value: string) => value;
    const id = (kind: string, n: number) => `${ns}-${kind}-${n}`;
    this.customers = syntheticCustomers(this.random, options.customers, { id: (n) => id('cust', n), group });
    this.drawCustomer = zipfSampler(this.random, options.customers, options.skew ?? 0.9);
    this.cases = new CaseDrafts(this.random, { id, group });
    this.surveys = new SurveyDrafts(this.random, { id });
  }

  take(count: number): LoadEvent[] {
    const events: LoadEvent[] = [];
    for (let i = 0; i < count; i++) events.push(this.next());
    return events;
  }

  next(): LoadEvent {
    const slot = this.slot++;
    const arrived = this.due.get(slot);
    if (arrived) {
      this.ready.push(...arrived);
      this.due.delete(slot);
    }
    const followUp = this.ready.shift();
    return followUp ? followUp() : this.newRecord(slot);
  }

  private newRecord(slot: number): LoadEvent {
    const now = this.timeOf(slot);
    const customer = this.customers[this.drawCustomer()];
    if (this.random.chance(IMAGE_SURVEY_SHARE)) {
      return this.surveyEvent(customer.id, now, this.surveys.image(customer, now));
    }
    const trending = slot >= (this.options.trendFromSlot ?? Infinity);
    if (this.random.chance(TWO_VERSION_SHARE)) {
      const draft = this.cases.next(customer, now, trending);
      this.schedule(slot, () => this.solved(draft));
      return this.caseEvent(draft, this.random.chance(0.7) ? 'open' : 'pending', now, 1);
    }
    const resolutionMs = this.random.between(10, 48 * 60) * 60_000;
    const draft = this.cases.next(customer, new Date(now.getTime() - resolutionMs), trending);
    this.maybeSurvey(draft, slot);
    return this.caseEvent(draft, 'solved', now, 1);
  }

  private solved(draft: CaseDraft): LoadEvent {
    const slot = this.slot - 1;
    this.maybeSurvey(draft, slot);
    return this.caseEvent(draft, 'solved', this.timeOf(slot), 2);
  }

  private maybeSurvey(draft: CaseDraft, slot: number): void {
    if (!this.random.chance(SURVEYED_CASE_SHARE)) return;
    this.schedule(slot, () => {
      const now = this.timeOf(this.slot - 1);
      return this.surveyEvent(draft.customer.id, now, this.surveys.aboutCase(draft, now));
    });
  }

  private schedule(slot: number, followUp: () => LoadEvent): void {
    const at = slot + this.random.between(1, this.options.maxFollowUpSlots);
    const list = this.due.get(at) ?? [];
    list.push(followUp);
    this.due.set(at, list);
  }

  private caseEvent(
    draft: CaseDraft,
    status: 'open' | 'pending' | 'solved',
    at: Date,
    version: number,
  ): LoadEvent {
    return {
      contract: EventContracts.ClassifiedCase,
      key: draft.customer.id,
      id: derivedEventId('synthetic-classified', `${draft.caseId}\u0000${version}`),
      versionTime: at,
      data: this.cases.classified(draft, status, at),
    };
  }

  private surveyEvent(customerId: string, at: Date, data: object): LoadEvent {
    const responseId = (data as { response: { responseId: string } }).response.responseId;
    return {
      contract: EventContracts.ScoredSurvey,
      key: customerId,
      id: derivedEventId('synthetic-scored', responseId),
      versionTime: at,
      data,
    };
  }

  private timeOf(slot: number): Date {
    return new Date(this.options.start.getTime() + slot * this.options.spacingMs);
  }
}
