import {
  BulkColumn,
  BulkColumnType,
  jsonRowsFrom,
  jsonRowsParameter,
  preparedQuery,
} from '@supportlens/persistence';
import { EntityManager } from 'typeorm';
import { SharedWindowRows } from './batch-window-deltas';
import { CaseDailyRow, GroupDailyRow, TermDailyRow } from './domain/window-contributions';

interface Table<Row> {
  table: string;
  keys: Array<{ column: string; type: BulkColumnType; of: (row: Row) => unknown }>;
  counts: Array<{ column: string; of: (row: Row) => number }>;
}

const CASE_DAILY: Table<CaseDailyRow> = {
  table: 'insights.case_daily',
  keys: [
    { column: 'group_kind', type: 'text', of: (r) => r.groupKind },
    { column: 'group_value', type: 'text', of: (r) => r.groupValue },
    { column: 'issue_code', type: 'text', of: (r) => r.issueCode },
    { column: 'channel', type: 'text', of: (r) => r.channel },
    { column: 'day', type: 'date', of: (r) => r.day },
  ],
  counts: [
    { column: 'cases', of: (r) => r.cases },
    { column: 'how_to_cases', of: (r) => r.howToCases },
    { column: 'escalated_cases', of: (r) => r.escalatedCases },
    { column: 'reopened_cases', of: (r) => r.reopenedCases },
    { column: 'negative_tone_cases', of: (r) => r.negativeToneCases },
  ],
};

const TERM_DAILY: Table<TermDailyRow> = {
  table: 'insights.term_daily',
  keys: [
    { column: 'term', type: 'text', of: (r) => r.term },
    { column: 'day', type: 'date', of: (r) => r.day },
  ],
  counts: [
    { column: 'cases', of: (r) => r.cases },
    { column: 'how_to_cases', of: (r) => r.howToCases },
  ],
};

const GROUP_DAILY: Table<GroupDailyRow> = {
  table: 'insights.group_daily',
  keys: [
    { column: 'group_kind', type: 'text', of: (r) => r.groupKind },
    { column: 'group_value', type: 'text', of: (r) => r.groupValue },
    { column: 'day', type: 'date', of: (r) => r.day },
  ],
  counts: [
    { column: 'cases', of: (r) => r.cases },
    { column: 'how_to_cases', of: (r) => r.howToCases },
    { column: 'pool_cases', of: (r) => r.poolCases },
  ],
};

/** One table's delta statement, with what it binds: worked out once per table, not per write. */
interface DeltaStatement<Row> {
  sql: string;
  /** The key columns, then the counts: the statement's columns, and the order of each row's values. */
  columns: BulkColumn[];
  valuesOf: (row: Row) => unknown[];
}

/**
 * Adds delta rows to an additive daily table in ONE statement: the rows as one jsonb parameter (see
 * jsonRowsFrom), each added to the stored row or inserted. The rows are netted per key already
 * (windowDeltas), and inserted in key order so two batches touching the same rows lock them in the
 * same order. A row that reaches zero is kept (as in `satisfaction_daily`): readers sum, and a zero
 * adds nothing.
 */
function deltaStatement<Row>(spec: Table<Row>): DeltaStatement<Row> {
  const columns = [
    ...spec.keys.map((k): BulkColumn => ({ name: k.column, type: k.type })),
    ...spec.counts.map((c): BulkColumn => ({ name: c.column, type: 'int' })),
  ];
  const names = columns.map((column) => column.name);
  const order = spec.keys.map((k) => (k.type === 'text' ? `d.${k.column} COLLATE "C"` : `d.${k.column}`));
  const values = [...spec.keys.map((key) => key.of), ...spec.counts.map((count) => count.of)];
  return {
    sql: `
INSERT INTO ${spec.table} AS t (${names.join(', ')})
SELECT ${names.map((c) => `d.${c}`).join(', ')}
FROM ${jsonRowsFrom(columns, 1, 'd')}
ORDER BY ${order.join(', ')}
ON CONFLICT (${spec.keys.map((k) => k.column).join(', ')}) DO UPDATE SET
  ${spec.counts.map((c) => `${c.column} = t.${c.column} + EXCLUDED.${c.column}`).join(',\n  ')}`,
    columns,
    valuesOf: (row) => values.map((of) => of(row)),
  };
}

const STATEMENTS = {
  caseDaily: deltaStatement(CASE_DAILY),
  termDaily: deltaStatement(TERM_DAILY),
  groupDaily: deltaStatement(GROUP_DAILY),
};

/** The write side of the rolling windows; runs on the caller's transaction. */
export class CaseWindowsRepository {
  /** Tables in a fixed order (case_daily, term_daily, group_daily): every batch locks them alike. */
  async applyDeltas(manager: EntityManager, deltas: SharedWindowRows): Promise<void> {
    await apply(manager, STATEMENTS.caseDaily, deltas.caseDaily);
    await apply(manager, STATEMENTS.termDaily, deltas.termDaily);
    await apply(manager, STATEMENTS.groupDaily, deltas.groupDaily);
  }
}

async function apply<Row>(
  manager: EntityManager,
  statement: DeltaStatement<Row>,
  rows: readonly Row[],
): Promise<void> {
  if (rows.length === 0) return;
  await preparedQuery(manager, statement.sql, [
    jsonRowsParameter(statement.columns, rows.map(statement.valuesOf)),
  ]);
}
