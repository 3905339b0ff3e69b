/**
 * The history checker (after Jepsen's): holds what the pipeline acknowledged against what it applied.
 * Pure: the observations are read by `observe-pipeline.ts`.
 *
 * - lost: an acknowledged record whose effect never arrived (a case not stored at its acknowledged
 *   version or later; a survey not stored; a customer whose profile does not count their stored facts);
 * - duplicated: an effect applied more than once, seen in the additive rollups (each case counts once
 *   in the daily case counts, each survey once in the satisfaction counts, whatever the redeliveries);
 * - reordered: a customer's records reaching a stage's output topic in another order than they were
 *   acknowledged (first appearance of each record version, by offset; redeliveries allowed).
 */
export interface AcknowledgedVersion {
  kind: 'case' | 'survey';
  customerId: string;
  recordId: string;
  versionTime: string;
  sequence: number;
}

export interface PipelineObservation {
  /** insights.case_facts: case id → stored version time. */
  caseVersions: Map<string, string>;
  /** insights.survey_facts: response ids stored. */
  surveys: Set<string>;
  /** Customers of the run whose profile is missing or counts other case or survey totals than their facts. */
  staleProfiles: number;
  /**
   * Customers never judged: still on insights' catch-up list after the pipeline caught up (plus one
   * when the catch-up itself never ended).
   */
  unjudgedCustomers: number;
  /** Insight keys whose events in the outbox do not count 1, 2, … without a gap or a repeat. */
  insightSequenceGaps: number;
  /** Sum of the all-cases daily counts (each stored case counted once when applied exactly once). */
  countedCases: number;
  /** Sum of the all-responses daily satisfaction counts. */
  countedSurveys: number;
  /** Per output topic, per customer: record versions (`recordId@versionTime`) in order of first appearance. */
  topicOrders: Map<string, Map<string, string[]>>;
  /** Messages on the output topics that repeat a version already there (at-least-once; reported, not wrong). */
  redeliveries: number;
}

export interface HistoryVerdict {
  lost: number;
  duplicated: number;
  reordered: number;
  /** A few examples of each problem, for the report. */
  examples: string[];
}

export function checkHistory(
  acknowledged: readonly AcknowledgedVersion[],
  observed: PipelineObservation,
): HistoryVerdict {
  const examples: string[] = [];
  const note = (text: string) => {
    if (examples.length < 10) examples.push(text);
  };

  // The newest acknowledged version of each case: the one (or a later one) that must be stored.
  const latestCase = new Map<string, string>();
  const surveys = new Set<string>();
  for (const version of acknowledged) {
    if (version.kind === 'survey') surveys.add(version.recordId);
    else if ((latestCase.get(version.recordId) ?? '') < version.versionTime)
      latestCase.set(version.recordId, version.versionTime);
  }
  const customerOf = new Map(acknowledged.map((version) => [version.recordId, version.customerId]));
  // Which of the raw and stage topics a lost version reached: where it was lost.
  const reached = (recordId: string, versionTime?: string) => {
    const topics = [...observed.topicOrders]
      .filter(([, orders]) =>
        (orders.get(customerOf.get(recordId) ?? '') ?? []).some((key) =>
          versionTime === undefined ? key.startsWith(`${recordId}@`) : key === `${recordId}@${versionTime}`,
        ),
      )
      .map(([topic]) => topic);
    return topics.length > 0 ? topics.join(', ') : 'no topic';
  };
  let lost = 0;
  for (const [caseId, time] of latestCase) {
    const stored = observed.caseVersions.get(caseId);
    if (stored === undefined || Date.parse(stored) < Date.parse(time)) {
      lost++;
      note(
        `lost: case ${caseId} version ${time} (stored: ${stored ?? 'none'}; reached: ${reached(caseId, time)})`,
      );
    }
  }
  for (const responseId of surveys) {
    if (!observed.surveys.has(responseId)) {
      lost++;
      note(`lost: survey ${responseId} (reached: ${reached(responseId)})`);
    }
  }

  if (observed.staleProfiles > 0) {
    lost += observed.staleProfiles;
    note(`lost: ${observed.staleProfiles} customer profiles behind their stored facts`);
  }
  if (observed.unjudgedCustomers > 0) {
    lost += observed.unjudgedCustomers;
    note(`lost: ${observed.unjudgedCustomers} customers deferred by a catch-up and never judged`);
  }
  if (observed.insightSequenceGaps > 0) {
    lost += observed.insightSequenceGaps;
    note(`lost: ${observed.insightSequenceGaps} insight keys whose events skip or repeat a sequence`);
  }

  // Records stored without being acknowledged (a send whose ack was lost) count once each as well.
  const duplicated =
    Math.max(0, observed.countedCases - observed.caseVersions.size) +
    Math.max(0, observed.countedSurveys - observed.surveys.size);
  if (duplicated > 0) {
    note(
      `duplicated: ${observed.countedCases} cases counted for ${observed.caseVersions.size} stored, ${observed.countedSurveys} surveys for ${observed.surveys.size}`,
    );
  }

  let reordered = 0;
  const byCustomer = new Map<string, AcknowledgedVersion[]>();
  for (const version of acknowledged) {
    const versions = byCustomer.get(version.customerId) ?? [];
    versions.push(version);
    byCustomer.set(version.customerId, versions);
  }
  for (const [topic, orders] of observed.topicOrders) {
    for (const [customerId, versions] of byCustomer) {
      const seen = orders.get(customerId) ?? [];
      const position = new Map(seen.map((key, index) => [key, index]));
      let last = -1;
      for (const version of [...versions].sort((a, b) => a.sequence - b.sequence)) {
        const at = position.get(`${version.recordId}@${version.versionTime}`);
        if (at === undefined) continue; // not on this topic (another kind, or lost: counted above)
        if (at < last) {
          reordered++;
          note(
            `reordered on ${topic}: ${customerId} ${version.recordId}@${version.versionTime} came before an earlier record`,
          );
        }
        last = Math.max(last, at);
      }
    }
  }
  return { lost, duplicated, reordered, examples };
}
