import { FaultRow, rowPasses } from './fault-row';

const COLUMNS: Array<{ title: string; value: (row: FaultRow) => string }> = [
  { title: 'scenario', value: (row) => row.scenario },
  { title: 'acked', value: (row) => String(row.acknowledged) },
  { title: 'faults', value: (row) => String(row.faults) },
  { title: 'lost', value: (row) => String(row.lost) },
  { title: 'duplicated', value: (row) => String(row.duplicated) },
  { title: 'reordered', value: (row) => String(row.reordered) },
  { title: 'DLQ', value: (row) => `${row.deadLetters}/${row.poisonInjected}` },
  { title: 'redelivered', value: (row) => String(row.redeliveries) },
  { title: 'recovery s', value: (row) => row.recoverySeconds.toFixed(1) },
  { title: 'verdict', value: (row) => (rowPasses(row) ? 'ok' : 'FAIL') },
];

/** The fault suite's table: one row per scenario, then each row's notes and failures. Pure. */
export function formatFaultTable(rows: readonly FaultRow[]): string {
  const cells = rows.map((row) => COLUMNS.map((column) => column.value(row)));
  const widths = COLUMNS.map((column, i) =>
    Math.max(column.title.length, ...cells.map((line) => line[i].length)),
  );
  const line = (values: string[]) =>
    values.map((value, i) => (i === 0 ? value.padEnd(widths[i]) : value.padStart(widths[i]))).join('  ');
  const out = [
    line(COLUMNS.map((column) => column.title)),
    widths.map((width) => '-'.repeat(width)).join('  '),
  ];
  out.push(...cells.map(line));
  for (const row of rows) {
    const details = [...row.notes, ...row.failures.map((failure) => `FAILED: ${failure}`), ...row.examples];
    if (details.length > 0)
      out.push('', `${row.scenario} (${row.fault}):`, ...details.map((detail) => `  ${detail}`));
  }
  return out.join('\n');
}
