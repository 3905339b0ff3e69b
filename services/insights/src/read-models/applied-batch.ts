import { EntityManager } from 'typeorm';
import { StoredResponseRow } from '../satisfaction/stored-response';
import { FactRow } from './fact-row';

/** A case fact as Postgres returns it (every column of `insights.case_facts`). */
export type StoredCaseRow = FactRow & {
  source: string;
  case_id: string;
  event_time: Date;
  customer: { segment?: Record<string, string>; consent?: Record<string, boolean> } & Record<string, unknown>;
  channel: string;
  status: string;
  issue_code: string;
  opened_at: Date;
};

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
