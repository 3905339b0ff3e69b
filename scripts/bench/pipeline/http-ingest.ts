import autocannon from 'autocannon';
import { RawRecord } from './raw-records';

export interface HttpIngestRun {
  label: string;
  path: string;
  recordsPerRequest: number;
  connections: number;
  seconds: number;
  requests: number;
  requestsPerSecond: number;
  /** Records accepted per second (2xx requests × records per request). */
  eventsPerSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  /** Requests whose body had been sent before (ingest answers them from its idempotency keys). */
  repeated: number;
}

/**
 * One autocannon run against ingest's HTTP API: every request carries records not sent before (ingest
 * would answer a repeat from its idempotency keys, cheaper than real traffic), `recordsPerRequest` of
 * them as a batch (an array) or one as an object.
 */
export async function runHttpIngest(args: {
  url: string;
  apiKey: string;
  label: string;
  kind: 'case' | 'survey';
  records: readonly RawRecord[];
  recordsPerRequest: number;
  connections: number;
  seconds: number;
}): Promise<HttpIngestRun> {
  const path = args.kind === 'case' ? '/v1/cases' : '/v1/surveys';
  const bodies: string[] = [];
  for (let at = 0; at + args.recordsPerRequest <= args.records.length; at += args.recordsPerRequest) {
    const chunk = args.records.slice(at, at + args.recordsPerRequest).map((record) => record.value);
    bodies.push(args.recordsPerRequest === 1 ? chunk[0] : `[${chunk.join(',')}]`);
  }
  let next = 0;
  const result = await autocannon({
    url: args.url,
    connections: args.connections,
    duration: args.seconds,
    requests: [
      {
        method: 'POST',
        path,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${args.apiKey}` },
        // Past the prepared bodies a request repeats one (counted in `repeated`: prepare more).
        setupRequest: (request) => ({ ...request, body: bodies[next++ % bodies.length] }),
      },
    ],
  });
  const ok = result['2xx'];
  return {
    label: args.label,
    path,
    recordsPerRequest: args.recordsPerRequest,
    connections: args.connections,
    seconds: result.duration,
    requests: result.requests.total,
    requestsPerSecond: result.requests.total / result.duration,
    eventsPerSecond: (ok * args.recordsPerRequest) / result.duration,
    latencyMs: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
    },
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    repeated: Math.max(0, next - bodies.length),
  };
}
