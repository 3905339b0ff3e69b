/** One scenario's outcome, as the table prints it and the JSON keeps it. */
export interface FaultRow {
  scenario: string;
  fault: string;
  /** Records the pipeline acknowledged (good and poison). */
  acknowledged: number;
  faults: number;
  lost: number;
  duplicated: number;
  reordered: number;
  deadLetters: number;
  /** Poison records acknowledged: what the DLQ count must equal. */
  poisonInjected: number;
  redeliveries: number;
  /** From the end of the fault (and of the load) until every consumer group had caught up. */
  recoverySeconds: number;
  notes: string[];
  failures: string[];
  examples: string[];
}

/** A row passes when nothing was lost, doubled or reordered, the DLQ holds exactly the poison, and the scenario's own checks held. */
export function rowPasses(row: FaultRow): boolean {
  return (
    row.lost === 0 &&
    row.duplicated === 0 &&
    row.reordered === 0 &&
    row.deadLetters === row.poisonInjected &&
    row.failures.length === 0
  );
}
