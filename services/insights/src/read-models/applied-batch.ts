import { EntityManager } from 'typeorm';
import { StoredResponseRow } from '../satisfaction/stored-response';

/**
 * A case fact as the read-model steps see a version of it: the columns of `insights.case_facts` they
 * read, as Postgres returns them. Only these come back from the write (see STORED_CASE_COLUMNS):
 * returning every column cost the writer ~15 µs of CPU per case, mostly parsing what no step reads.
 */
export interface StoredCaseRow {
  source: string;
  case_id: string;
  event_time: Date;
  customer_id: string;
  customer: { segment?: Record<string, string>; consent?: Record<string, boolean> } & Record<string, unknown>;
  channel: string;
  issue_code: string;
  classification_method: string;
  confidence: number;
  opened_at: Date;
  issue_kind: string | null;
  escalated: boolean | null;
  reopen_count: number | null;
  tone: string | null;
  /** The key terms as stored (a JSON array), null when none were sent or they were erased. */
  terms: unknown;
}

/** The columns of a {@link StoredCaseRow}, in table order. */
export const STORED_CASE_COLUMNS = [
  'source',
  'case_id',
  'event_time',
  'customer_id',
  'customer',
  'channel',
  'issue_code',
  'classification_method',
  'confidence',
  'opened_at',
  'escalated',
  'reopen_count',
  'tone',
  'issue_kind',
  'terms',
] as const satisfies ReadonlyArray<keyof StoredCaseRow>;

// Fails to compile when StoredCaseRow gains a field the list does not return.
const EVERY_FIELD_RETURNED: Exclude<keyof StoredCaseRow, (typeof STORED_CASE_COLUMNS)[number]> extends never
  ? true
  : never = true;
void EVERY_FIELD_RETURNED;

/** A version written by the batch and the one it replaced (null when the record is new). */
export interface FactChange<Row> {
  before: Row | null;
  after: Row;
}

/**
 * What one committed-to-be batch changed, handed to every {@link ReadModelStep} inside the writer's
 * transaction (after the facts and the customers' profiles are written).
 */
export interface AppliedBatch {
  /** Customers whose facts changed: the batch's own and those a record moved away from. */
  customerIds: string[];
  /** Case versions written (empty when the write held only surveys). */
  caseChanges: FactChange<StoredCaseRow>[];
  /** Survey versions written (empty when the write held only cases). */
  surveyChanges: FactChange<StoredResponseRow>[];
  /** The latest event time among the written versions: "now" in event time, for windows and evidence. */
  eventTime: Date;
  /** The latest event time of the write's cases; null when it held none. */
  caseEventTime: Date | null;
}

/**
 * One piece of derived state kept in step with the facts (a window, a detector). Steps run in the
 * writer's transaction, in the order the module lists them, so a later step sees an earlier one's
 * writes; a step that throws rolls the whole batch back (and the batch is retried).
 *
 * `rows` says which rows a step locks: `customer` steps write only rows of the batch's own customers,
 * which no other partition's batch touches; `shared` steps write rows every batch may touch (a day's
 * rollups, a topic, a segment). The writer runs every customer step before the shared rollups and the
 * shared steps, so those hot rows stay locked only for the end of a transaction, not its whole length,
 * and batches of different partitions run side by side instead of queueing on them.
 */
interface Step {
  readonly name: string;
  apply(manager: EntityManager, batch: AppliedBatch): Promise<void>;
}

/**
 * A step that judges the batch's customers (churn risk, candidacy): it can judge any customers on
 * their stored facts, which is how a catch-up judges the customers it deferred
 * (catch-up/catch-up-end.ts). `fallbackTime` dates a customer with no facts left (the batch's time).
 */
export interface CustomerStep extends Step {
  readonly rows: 'customer';
  judgeCustomers(
    manager: EntityManager,
    customerIds: string[],
    fallbackTime: (customerId: string) => Date,
  ): Promise<void>;
}

export interface SharedStep extends Step {
  readonly rows: 'shared';
  /**
   * A step that judges (raises insights over every customer: content topics, persona signals) judges
   * everything it covers, as of the stored facts' latest time, at a catch-up's end, and is skipped by
   * batches while catching up. Absent on a step that only keeps a read model current (windows).
   */
  judgeAll?(manager: EntityManager): Promise<void>;
}

export type ReadModelStep = CustomerStep | SharedStep;

/** The injection token of the ordered step list. */
export const READ_MODEL_STEPS = Symbol('READ_MODEL_STEPS');
