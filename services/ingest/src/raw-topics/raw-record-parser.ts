import { fastAcceptFor } from '@supportlens/contracts';
import { describeViolations, MessageParser } from '@supportlens/messaging';
import { parseRecord } from '../intake/domain/parse-records';
import { RecordKind } from '../intake/domain/record-kinds';

/** Raw topics get the same normalisation and validation as the HTTP API; failures go to the DLQ. */
export function rawRecordParser<T extends object>(kind: RecordKind<T>): MessageParser<T> {
  // Compiled now, at wiring, not on the first record's latency (the HTTP intake shares the cache).
  fastAcceptFor(kind.contract.dataClass);
  return (json) => {
    const result = parseRecord(kind, json);
    if (result.valid) return { ok: true, data: result.value };
    return {
      ok: false,
      errorClass: 'ContractViolation',
      reason: describeViolations(result.violations),
      violations: result.violations,
    };
  };
}
