import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { FaultRow, rowPasses } from '../../scripts/faults/report/fault-row';
import { formatFaultTable } from '../../scripts/faults/report/fault-table';
import { runScenario } from '../../scripts/faults/run-scenario';
import { SCENARIOS } from '../../scripts/faults/scenarios';

const SHORT_RUN = Object.keys(SCENARIOS);

/**
 * The shortened fault suite (`npm run test:faults -- --short`): every scenario at a few thousand
 * events and a few faults, each on a stack of its own (a private Postgres and Kafka, the four
 * services as processes from `dist`, built first). Every row must read lost 0, duplicated 0,
 * reordered 0, the DLQ holding exactly the poison, and the scenario's own checks held.
 */
describe('fault suite (shortened)', () => {
  const rows: FaultRow[] = [];
  const outDir = path.join(__dirname, '..', '..', '.tmp', 'faults');

  beforeAll(() => {
    mkdirSync(outDir, { recursive: true });
    // The scenarios run the services as processes, from the compiled code.
    execFileSync('npm', ['run', '--silent', 'build'], {
      cwd: path.join(__dirname, '..', '..'),
      stdio: 'inherit',
    });
  }, 300_000);

  afterAll(() => {
    if (rows.length > 0) process.stdout.write(`\n${formatFaultTable(rows)}\n`);
  });

  it.each(SHORT_RUN)(
    '%s: nothing lost, doubled or reordered',
    async (name) => {
      const row = await runScenario(SCENARIOS[name], {
        scale: 'short',
        partitions: 3,
        outDir,
        log: () => undefined,
      });
      rows.push(row);
      expect({ row: row.scenario, passes: rowPasses(row), table: formatFaultTable([row]) }).toMatchObject({
        row: row.scenario,
        passes: true,
      });
    },
    600_000,
  );
});
