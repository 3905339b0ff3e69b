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

/**
 * The two stages between publish and insights, by the topics they write and where a record's id and
 * version sit in those messages (a stage's input is the previous one's output). Cases pass the
 * classifier and responses survey-scoring: the second stage is reported per kind.
 */
const STAGE_OUTPUTS: Array<{ topics: string[]; version: (data: StageData) => Version | undefined }> = [
  {
    topics: [Topics.Cases, Topics.Surveys],
    // A survey response names its case too: the response id first.
    version: (data) => versionOf(data.responseId ?? data.caseId, data.updatedAt),
  },
  {
    topics: [Topics.CasesClassified, Topics.SurveysScored],
    version: (data) =>
      data.case
        ? versionOf(data.case.caseId, data.case.updatedAt)
        : versionOf(data.response?.responseId, data.response?.updatedAt),
  },
];

const INGEST_STAGE = 'ingest (raw topic → support.*.v1)';
const MIDDLE_STAGE_OF: Record<RawRecord['kind'], string> = {
  case: 'classifier (support.cases.v1 → classified)',
  survey: 'survey-scoring (support.surveys.v1 → scored)',
};

interface Version {
  recordId: string;
  at: number;
}

interface StageData {
  caseId?: string;
  responseId?: string;
  updatedAt?: string;
  case?: { caseId?: string; updatedAt?: string };
  response?: { responseId?: string; updatedAt?: string };
}

function versionOf(recordId: string | undefined, time: string | undefined): Version | undefined {
  return recordId && time ? { recordId, at: Date.parse(time) } : undefined;
}

/**
 * When a record version passed a stage: the first output message of that record at that version or a
 * later one. A stage that meets two versions of a case in one batch passes the later one only (the
 * earlier is superseded), so the earlier version leaves the stage with it.
 */
function passedAt(
  outputs: ReadonlyArray<{ at: number; timestamp: number }> | undefined,
  version: number,
): number | undefined {
  let first: number | undefined;
  for (const output of outputs ?? []) {
    if (output.at >= version && (first === undefined || output.timestamp < first)) first = output.timestamp;
  }
  return first;
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
  const measured = records.filter((record) => applied.has(record.id));
  const wanted = new Set(measured.map((record) => record.recordId));
  // Per stage, each record's output messages: the version each carries and when it was produced.
  const stageOutputs: Array<Map<string, Array<{ at: number; timestamp: number }>>> = [];
  for (const { topics, version } of STAGE_OUTPUTS) {
    const outputs = new Map<string, Array<{ at: number; timestamp: number }>>();
    for (const topic of topics) {
      for (const message of await readTopic(brokers, topic)) {
        const carried = version(JSON.parse(message.value?.toString() ?? '{}') as StageData);
        if (!carried || !wanted.has(carried.recordId)) continue;
        const list = outputs.get(carried.recordId) ?? [];
        list.push({ at: carried.at, timestamp: message.timestamp });
        outputs.set(carried.recordId, list);
      }
    }
    stageOutputs.push(outputs);
  }
  const ingest: number[] = [];
  const middle: Record<RawRecord['kind'], number[]> = { case: [], survey: [] };
  const insights: number[] = [];
  for (const record of measured) {
    const { publishedAt, appliedAt } = applied.get(record.id)!;
    const version = Date.parse(record.versionTime);
    const [ingested, passed] = stageOutputs.map((outputs) => passedAt(outputs.get(record.recordId), version));
    if (ingested === undefined || passed === undefined) continue;
    ingest.push(ingested - publishedAt);
    middle[record.kind].push(passed - ingested);
    insights.push(appliedAt - passed);
  }
  const row = (stage: string, values: number[]): StageDelay => {
    const sorted = [...values].sort((a, b) => a - b);
    return { stage, records: sorted.length, p50Ms: percentile(sorted, 50), p99Ms: percentile(sorted, 99) };
  };
  return [
    row(INGEST_STAGE, ingest),
    row(MIDDLE_STAGE_OF.case, middle.case),
    row(MIDDLE_STAGE_OF.survey, middle.survey),
    row('insights (→ read models, seen by the next poll)', insights),
  ];
}
