import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from './bench/shared/repo-root';
import { FaultRow, rowPasses } from './faults/report/fault-row';
import { formatFaultTable } from './faults/report/fault-table';
import { runScenario } from './faults/run-scenario';
import { SCENARIOS } from './faults/scenarios';

/**
 * `npm run test:faults [-- --scenarios kill9,sigterm,... --short --events N --partitions N]`: each
 * scenario drives a steady load through the real pipeline (its own Postgres and Kafka, the four
 * services as processes), injects its fault, lets the system recover, and checks every acknowledged
 * record against the read models and the output topics. Prints one row per scenario and writes
 * `.tmp/fault-suite.json`; exits 1 when a row is not clean.
 */
async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      scenarios: { type: 'string' },
      short: { type: 'boolean' },
      events: { type: 'string' },
      partitions: { type: 'string' },
    },
  });
  const names = values.scenarios ? values.scenarios.split(',') : Object.keys(SCENARIOS);
  const unknown = names.filter((name) => !(name in SCENARIOS));
  if (unknown.length > 0)
    throw new Error(`unknown scenario(s) ${unknown.join(', ')}; known: ${Object.keys(SCENARIOS).join(', ')}`);
  const outDir = path.join(repoRoot(), '.tmp', 'faults');
  mkdirSync(outDir, { recursive: true });
  const rows: FaultRow[] = [];
  for (const name of names) {
    const row = await runScenario(SCENARIOS[name], {
      scale: values.short ? 'short' : 'full',
      events: values.events ? Number(values.events) : undefined,
      partitions: values.partitions ? Number(values.partitions) : 6,
      outDir,
      log: (message) => console.error(`[faults] ${message}`),
    });
    rows.push(row);
    console.error(formatFaultTable([row]));
  }
  const table = formatFaultTable(rows);
  console.log(table);
  writeFileSync(path.join(repoRoot(), '.tmp', 'fault-suite.json'), JSON.stringify({ rows, table }, null, 2));
  return rows.every(rowPasses) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`fault suite failed: ${error.stack ?? error.message}`);
    process.exit(2);
  },
);
