import { seededRandom } from '../../bench/shared/random';

/** One record the load publishes to a raw topic, and what the checker needs to know of it. */
export interface FaultRecord {
  kind: 'case' | 'survey';
  topic: 'support.tickets.raw.v1' | 'support.surveys.raw.v1';
  /** The customer id: the Kafka key, so one customer's records keep their order. */
  customerId: string;
  /** The record's id (caseId or responseId); a case can come in two versions. */
  recordId: string;
  /** The record version's time (`updatedAt`): later versions of a record have later times. */
  versionTime: string;
  /** The customer's n-th record version (from 0): the order the checker expects effects in. */
  sequence: number;
  /** True for a poison message: it must land in a DLQ and nowhere else. */
  poison: boolean;
  value: Buffer;
}

export interface FaultRecordOptions {
  seed: number;
  runId: string;
  customers: number;
  /** One record in `poisonEvery` is poison (broken JSON, schema-invalid or oversized); 0 = none. */
  poisonEvery: number;
  /** Time of the first record; each later one is a second later. */
  start: Date;
}

const SURVEY_SHARE = 0.25;
const SOLVE_LATER_SHARE = 0.4;
/** Over SupportCase's 50,000-character description limit, under Kafka's 1 MB message limit. */
const OVERSIZED_DESCRIPTION = 300_000;

/**
 * A seeded stream of raw tickets and survey responses for the fault suite: about one survey per four
 * records, a share of cases opened first and solved by a later version, every id unique to the run.
 * Pure: the same options give the same records.
 */
export function* faultRecords(options: FaultRecordOptions): Generator<FaultRecord> {
  const rng = seededRandom(options.seed);
  const random = (): number => rng.next();
  const sequences = new Map<string, number>();
  const openCases = new Map<string, string[]>();
  const solvedCases = new Map<string, string[]>();
  for (let n = 0; ; n++) {
    const customerId = `${options.runId}-c${Math.floor(random() * options.customers)}`;
    const sequence = sequences.get(customerId) ?? 0;
    sequences.set(customerId, sequence + 1);
    const time = new Date(options.start.getTime() + n * 1000).toISOString();
    const base = { customerId, versionTime: time, sequence };

    if (options.poisonEvery > 0 && n % options.poisonEvery === options.poisonEvery - 1) {
      yield { ...base, ...poison(n, options.runId, customerId, time), poison: true };
      continue;
    }
    const solved = solvedCases.get(customerId) ?? [];
    const open = openCases.get(customerId) ?? [];
    if (solved.length > 0 && random() < SURVEY_SHARE) {
      const caseId = solved.shift()!;
      const responseId = `${options.runId}-r${n}`;
      const survey = {
        responseId,
        source: 'faults',
        customer: { ...contactOf(customerId), segment: { plan: random() < 0.5 ? 'pro' : 'starter' } },
        kind: 'transactional',
        caseId,
        channel: 'chat',
        respondedAt: time,
        updatedAt: time,
        csat: 1 + Math.floor(random() * 5),
        nps: Math.floor(random() * 11),
        comment: `How it went, in the customer’s words; write back to ${emailOf(customerId)}.`,
      };
      yield {
        ...base,
        kind: 'survey',
        topic: 'support.surveys.raw.v1',
        recordId: responseId,
        poison: false,
        value: json(survey),
      };
      continue;
    }
    if (open.length > 0 && random() < SOLVE_LATER_SHARE) {
      const [caseId, openedAt] = open.shift()!.split('|');
      solved.push(caseId);
      solvedCases.set(customerId, solved);
      yield {
        ...base,
        kind: 'case',
        topic: 'support.tickets.raw.v1',
        recordId: caseId,
        poison: false,
        value: json(aCase(caseId, customerId, 'solved', openedAt, time, n)),
      };
      continue;
    }
    const caseId = `${options.runId}-k${n}`;
    const solvedNow = random() < 0.6;
    if (solvedNow) {
      solved.push(caseId);
      solvedCases.set(customerId, solved);
    } else {
      open.push(`${caseId}|${time}`);
      openCases.set(customerId, open);
    }
    yield {
      ...base,
      kind: 'case',
      topic: 'support.tickets.raw.v1',
      recordId: caseId,
      poison: false,
      value: json(aCase(caseId, customerId, solvedNow ? 'solved' : 'open', time, time, n)),
    };
  }
}

const SUBJECTS = [
  'Cannot find my invoice',
  'How do I export a report?',
  'Password reset link expired',
  'Order arrived damaged',
];

function aCase(
  caseId: string,
  customerId: string,
  status: string,
  openedAt: string,
  updatedAt: string,
  n: number,
): object {
  return {
    caseId,
    source: 'faults',
    customer: {
      ...contactOf(customerId),
      segment: { plan: n % 2 === 0 ? 'pro' : 'starter', region: 'emea' },
    },
    channel: 'chat',
    status,
    subject: SUBJECTS[n % SUBJECTS.length],
    description: `${'A description of the problem, as long as customers write them. '.repeat(5)}Reach me at ${emailOf(customerId)} or +44 20 7946 0958.`,
    agentId: `agent-${n % 7}`,
    openedAt,
    ...(status === 'solved' ? { firstResponseAt: openedAt, resolvedAt: updatedAt } : {}),
    updatedAt,
  };
}

function poison(
  n: number,
  runId: string,
  customerId: string,
  time: string,
): Omit<FaultRecord, 'customerId' | 'versionTime' | 'sequence' | 'poison'> {
  const recordId = `${runId}-p${n}`;
  const kind = n % 3;
  const value =
    kind === 0
      ? Buffer.from(`{"caseId": "${recordId}", broken`)
      : kind === 1
        ? json({
            caseId: recordId,
            source: 'faults',
            customer: { id: customerId },
            channel: 'pigeon',
            openedAt: time,
          })
        : json({
            ...(aCase(recordId, customerId, 'open', time, time, n) as object),
            description: 'x'.repeat(OVERSIZED_DESCRIPTION),
          });
  return { kind: 'case', topic: 'support.tickets.raw.v1', recordId, value };
}

/** Every record carries the customer's name and e-mail, as help desks send them: only ingest may keep them. */
function contactOf(customerId: string): { id: string; name: string; email: string } {
  return { id: customerId, name: `Customer ${customerId.split('-').pop()}`, email: emailOf(customerId) };
}

function emailOf(customerId: string): string {
  return `${customerId}@customers.example`;
}

function json(value: object): Buffer {
  return Buffer.from(JSON.stringify(value));
}
