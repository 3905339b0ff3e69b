import { FaultRow } from './fault-row';
import { formatFaultTable } from './fault-table';

const row = (overrides: Partial<FaultRow>): FaultRow => ({
  scenario: 'kill -9',
  fault: 'consumer kill -9 ×20',
  acknowledged: 200000,
  faults: 20,
  lost: 0,
  duplicated: 0,
  reordered: 0,
  deadLetters: 0,
  poisonInjected: 0,
  redeliveries: 3120,
  recoverySeconds: 12.34,
  notes: [],
  failures: [],
  examples: [],
  ...overrides,
});

describe('formatFaultTable', () => {
  it('prints one aligned row per scenario with its verdict', () => {
    const table = formatFaultTable([
      row({}),
      row({ scenario: 'poison 1/1000', faults: 0, deadLetters: 99, poisonInjected: 100 }),
    ]);
    expect(table.split('\n')).toEqual([
      'scenario        acked  faults  lost  duplicated  reordered     DLQ  redelivered  recovery s  verdict',
      '-------------  ------  ------  ----  ----------  ---------  ------  -----------  ----------  -------',
      'kill -9        200000      20     0           0          0     0/0         3120        12.3       ok',
      'poison 1/1000  200000       0     0           0          0  99/100         3120        12.3     FAIL',
    ]);
  });

  it('lists notes and failures under the table', () => {
    const table = formatFaultTable([
      row({ notes: ['forced kills after SIGTERM: 0'], failures: ['ingest exited'] }),
    ]);
    expect(table).toContain(
      'kill -9 (consumer kill -9 ×20):\n  forced kills after SIGTERM: 0\n  FAILED: ingest exited',
    );
  });
});
