import { Topics } from '@supportlens/contracts';
import { readTopic } from '../../faults/check/read-topic';
import { percentile } from '../shared/percentiles';
import { RawRecord } from './raw-records';

export interface StageDelay {
  stage: string;
  records: number;
  p50Ms: number;
  p99Ms: number;
}

/** Where a record's id and version sit in each stage's output (a stage's input is the previous one's output). */
const STAGES: Array<{ stage: string; topics: string[]; key: (data: StageData) => string | undefined }> = [
  {
    stage: 'ingest (raw topic → support.*.v1)',
    topics: [Topics.Cases, Topics.Surveys],
    key: (data) => versionKey(data.caseId ?? data.responseId, data.updatedAt),
  },
  {
    stage: 'classifier / survey-scoring (→ classified, scored)',
    topics: [Topics.CasesClassified, Topics.SurveysScored],
    key: (data) =>
      data.case
        ? versionKey(data.case.caseId, data.case.updatedAt)
        : versionKey(data.response?.responseId, data.response?.updatedAt),
  },
];

interface StageData {
  caseId?: string;
  responseId?: string;
  updatedAt?: string;
  case?: { caseId?: string; updatedAt?: string };
  response?: { responseId?: string; updatedAt?: string };
}

function versionKey(id: string | undefined, time: string | undefined): string | undefined {
  return id && time ? `${id}@${Date.parse(time)}` : undefined;
}

/**
 * Splits publish → read model of the records of a latency run by stage: each stage's output message
 * carries the time its producer built it, so a record's time in ingest is its ingest output's
 * timestamp minus its publish, and so on; insights' share ends at the poll that saw it applied.
 */
export async function measureStageDelays(
  brokers: string,
  records: readonly RawRecord[],
  applied: ReadonlyMap<string, { publishedAt: number; appliedAt: number }>,
): Promise<StageDelay[]> {
  const byKey = new Map(
    records.map((record) => [versionKey(record.recordId, record.versionTime)!, record.id]),
  );
  const stageTimes: Array<Map<string, number>> = [];
  for (const { topics, key } of STAGES) {
    const times = new Map<string, number>();
    for (const topic of topics) {
      for (const message of await readTopic(brokers, topic)) {
        const id = byKey.get(key(JSON.parse(message.value?.toString() ?? '{}') as StageData) ?? '');
        if (id !== undefined && applied.has(id)) times.set(id, message.timestamp);
      }
    }
    stageTimes.push(times);
  }
  const delays = STAGES.map(() => [] as number[]);
  const insights: number[] = [];
  for (const [id, { publishedAt, appliedAt }] of applied) {
    const times = stageTimes.map((stage) => stage.get(id));
    if (times.some((time) => time === undefined)) continue;
    let previous = publishedAt;
    times.forEach((time, i) => {
      delays[i].push(time! - previous);
      previous = time!;
    });
    insights.push(appliedAt - previous);
  }
  const row = (stage: string, values: number[]): StageDelay => {
    const sorted = [...values].sort((a, b) => a - b);
    return { stage, records: sorted.length, p50Ms: percentile(sorted, 50), p99Ms: percentile(sorted, 99) };
  };
  return [
    ...STAGES.map(({ stage }, i) => row(stage, delays[i])),
    row('insights (→ read models, seen by the next poll)', insights),
  ];
}
