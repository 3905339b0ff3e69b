import { Injectable } from '@nestjs/common';
import {
  derivedEventId,
  EventContracts,
  PersonaSignalComparison,
  PersonaSignalInsight,
} from '@supportlens/contracts';
import { BulkColumn, bulkUpsert, preparedQuery } from '@supportlens/persistence';
import { EntityManager } from 'typeorm';
import { InsightOutbox, OutboxEvent } from '../outbox/insight-outbox';
import { AppliedBatch, SharedStep } from '../read-models/applied-batch';
import { InsightSettingsProvider } from '../settings/insight-settings.provider';
import { compareText, evaluateSegment } from './domain/evaluate-segment';
import { dueForEvaluation } from './domain/due-for-evaluation';
import { EvaluationWindows, evaluationWindows } from './domain/evaluation-windows';
import { PersonaSignalSettings } from './domain/persona-signal-settings';
import { PlannedChange, planSignalChanges, StoredSignalState } from './domain/plan-signal-changes';
import {
  Segment,
  segmentColumns,
  segmentFromColumns,
  segmentGroup,
  segmentKey,
  segmentsOf,
  toContractSegment,
} from '../customers/domain/segments';
import { emptyWindowCounts, SegmentCounts, WindowCounts } from './domain/segment-counts';
import { SignalStatus, Support } from './domain/signal-transition';
import {
  CASE_COUNTS_SQL,
  EVALUATED_AT_SQL,
  LATEST_FACT_TIME_SQL,
  LOCK_SEGMENTS_SQL,
  SEGMENTS_TO_JUDGE_SQL,
  SATISFACTION_COUNTS_SQL,
  STORED_SIGNALS_SQL,
} from './persona-signals.sql';

interface EvaluatedAtRow {
  attribute: string;
  segment_value: string;
  evaluated_at: Date;
}

interface CaseCountRow {
  /** The group's number in the query's parameters, from 1. */
  g: number;
  current: boolean;
  dimension: 'issue' | 'channel';
  item: string;
  cases: number;
}

interface SatisfactionCountRow {
  g: number;
  current: boolean;
  csat_responses: number;
  csat_satisfied: number;
  nps_promoters: number;
  nps_passives: number;
  nps_detractors: number;
}

interface StoredSignalRow {
  key: string;
  attribute: string;
  segment_value: string;
  dimension: StoredSignalState['dimension'];
  item: string;
  status: SignalStatus;
  support: Support;
  headline: StoredSignalState['headline'];
  direction: StoredSignalState['direction'];
  ratio: number | null;
  difference_points: number;
  raised_at: Date;
  version: number;
}

/** A segment due for evaluation, and the event time it is evaluated at. */
interface Due {
  segment: Segment;
  at: Date;
  windows: EvaluationWindows;
}

const BASE_KIND = 'none';
const BASE_VALUE = 'all';

/**
 * Tests the segments a batch touched against the rest of the base and against their own previous
 * window, and emits their signals' changes on `marketing.insights.persona-signals.v1`.
 *
 * Runs as a step of the ReadModelWriter's transaction after the windows step (so `case_daily` and
 * `satisfaction_daily` include the batch). Per batch, whatever the number of segments: one lock
 * statement, one read of the evaluation times, one read of case counts and one of satisfaction
 * counts (two windows of each segment and the current window of the base, from the daily rollups,
 * never the facts), one read of the stored signals, then one upsert of the changed signals, one of
 * the evaluation times, and the events into the outbox. The statistics are pure
 * (`domain/evaluate-segment.ts`); so are the transitions (hysteresis, `domain/signal-transition.ts`).
 *
 * Time is event time: a segment is evaluated at its own latest fact time in the batch (the batch's
 * latest time can belong to another partition or customer far ahead), never earlier than
 * its previous evaluation (a late batch does not move its windows back), at most once per
 * `evaluationIntervalSeconds` of event time, and at most `maxSegmentsPerBatch` segments per batch
 * (those waiting longest first), which bounds a batch's cost when it touches every segment. Only the
 * touched segments are evaluated; a segment nothing happens to keeps its signals until its next
 * case or answer. Segments are locked (sorted advisory locks) before their state is read, so the
 * case and survey consumers never announce the same sequence number twice.
 */
@Injectable()
export class PersonaSignalsDetector implements SharedStep {
  readonly name = 'persona-signals';
  readonly rows = 'shared';

  constructor(
    private readonly outbox: InsightOutbox,
    private readonly settings: InsightSettingsProvider,
  ) {}

  async apply(manager: EntityManager, batch: AppliedBatch): Promise<void> {
    const touched = touchedSegments(batch);
    if (touched.length === 0) return;
    const settings = this.settings.current.settings.personaSignals;
    await preparedQuery(manager, LOCK_SEGMENTS_SQL, [touched.map(segmentKey)]);
    await this.evaluate(
      manager,
      await this.dueSegments(manager, touched, segmentEventTimes(batch), settings),
    );
  }

  /**
   * At a catch-up's end (catch-up/): every segment with cases or answers in its two windows, at the
   * latest case or answer time — no interval, no cap per batch. As in a batch, a segment nothing
   * happened to keeps its signals. A function of the stored facts alone, so a replay ends the same.
   */
  async judgeAll(manager: EntityManager): Promise<void> {
    const [{ now }]: Array<{ now: Date | null }> = await manager.query(LATEST_FACT_TIME_SQL);
    if (!now) return;
    const settings = this.settings.current.settings.personaSignals;
    const windows = evaluationWindows(now, settings.windowDays);
    const rows: Array<{ attribute: string; segment_value: string }> = await manager.query(
      SEGMENTS_TO_JUDGE_SQL,
      [windows.previous.start, windows.current.end],
    );
    const segments = rows
      .map((row) => segmentFromColumns(row.attribute, row.segment_value))
      .filter((segment): segment is Segment => segment !== undefined)
      .sort((a, b) => compareText(segmentKey(a), segmentKey(b)));
    if (segments.length === 0) return;
    await preparedQuery(manager, LOCK_SEGMENTS_SQL, [segments.map(segmentKey)]);
    const last = await this.lastEvaluations(manager, segments);
    await this.evaluate(
      manager,
      segments.map((segment) => {
        // Never back in time: a segment evaluated later than the facts' latest time keeps its windows.
        const previous = last.get(segmentKey(segment));
        const at = previous && previous > now ? previous : now;
        return { segment, at, windows: evaluationWindows(at, settings.windowDays) };
      }),
    );
  }

  /** Tests these due segments and records their evaluation; emits their signals' changes. */
  private async evaluate(manager: EntityManager, due: Due[]): Promise<void> {
    if (due.length === 0) return;
    const { version: settingsVersion, settings: all } = this.settings.current;
    const settings = all.personaSignals;
    const counts = await this.readCounts(manager, due);
    const { stored, raisedAt } = await this.storedSignals(manager, due);
    const changes: Array<{ due: Due; change: PlannedChange }> = [];
    for (const segment of due) {
      const key = segmentKey(segment.segment);
      const evaluation = evaluateSegment(
        counts.segments.get(key)!,
        counts.bases.get(segment.windows.current.end)!,
        settings,
      );
      for (const change of planSignalChanges(evaluation, stored.get(key) ?? [], settings)) {
        changes.push({ due: segment, change });
      }
    }

    await bulkUpsert(manager, {
      table: 'insights.persona_segment_evaluations',
      columns: EVALUATION_COLUMNS,
      rows: due.map((segment) => {
        const { attribute, value } = segmentColumns(segment.segment);
        return { attribute, segment_value: value, evaluated_at: segment.at };
      }),
      conflictColumns: ['attribute', 'segment_value'],
    });
    if (changes.length === 0) return;
    const rows = changes.map(({ due, change }) =>
      stateRow(
        due,
        change,
        change.change === 'raised' ? due.at : (raisedAt.get(change.key) ?? due.at),
        settings,
      ),
    );
    await bulkUpsert(manager, {
      table: 'insights.persona_signals',
      columns: STATE_COLUMNS,
      rows,
      conflictColumns: ['key'],
    });
    await this.outbox.enqueue(
      manager,
      changes.map(({ due, change }, i) =>
        outboxEvent(due, change, String(rows[i].last_event_id), settings, settingsVersion),
      ),
    );
  }

  /** The touched segments due for evaluation now (see `dueForEvaluation`), with their windows. */
  private async dueSegments(
    manager: EntityManager,
    segments: Segment[],
    eventTimes: ReadonlyMap<string, Date>,
    settings: PersonaSignalSettings,
  ): Promise<Due[]> {
    const last = await this.lastEvaluations(manager, segments);
    return dueForEvaluation(segments, last, eventTimes, settings).map(({ segment, at }) => ({
      segment,
      at,
      windows: evaluationWindows(at, settings.windowDays),
    }));
  }

  /** When each of these segments was last evaluated (absent: never). */
  private async lastEvaluations(manager: EntityManager, segments: Segment[]): Promise<Map<string, Date>> {
    const columns = segments.map(segmentColumns);
    const { rows } = await preparedQuery<EvaluatedAtRow>(manager, EVALUATED_AT_SQL, [
      columns.map((c) => c.attribute),
      columns.map((c) => c.value),
    ]);
    return new Map(rows.map((row) => [`${row.attribute}=${row.segment_value}`, row.evaluated_at]));
  }

  /**
   * The due segments' counts in both windows and the base's in each distinct current window: one
   * query on the case rollup and one on the satisfaction rollup, whatever the number of segments.
   */
  private async readCounts(
    manager: EntityManager,
    due: Due[],
  ): Promise<{ segments: Map<string, SegmentCounts>; bases: Map<string, WindowCounts> }> {
    const segments = new Map<string, SegmentCounts>();
    const bases = new Map<string, WindowCounts>();
    // One entry per group read, in the order of the query's group numbers (1-based).
    const targets: Array<{ current: WindowCounts; previous: WindowCounts | null }> = [];
    const groups: Array<{ kind: string; value: string; firstDay: string; windows: EvaluationWindows }> = [];
    for (const d of due) {
      const counts: SegmentCounts = {
        segment: d.segment,
        current: emptyWindowCounts(),
        previous: emptyWindowCounts(),
      };
      segments.set(segmentKey(d.segment), counts);
      targets.push(counts);
      groups.push({
        ...segmentGroup(d.segment),
        firstDay: d.windows.previous.start,
        windows: d.windows,
      });
    }
    for (const windows of new Map(due.map((d) => [d.windows.current.end, d.windows])).values()) {
      const base = emptyWindowCounts();
      bases.set(windows.current.end, base);
      targets.push({ current: base, previous: null });
      groups.push({ kind: BASE_KIND, value: BASE_VALUE, firstDay: windows.current.start, windows });
    }
    const parameters = [
      groups.map((g) => g.kind),
      groups.map((g) => g.value),
      groups.map((g) => g.firstDay),
      groups.map((g) => g.windows.current.start),
      groups.map((g) => g.windows.current.end),
    ];
    const { rows: caseRows } = await preparedQuery<CaseCountRow>(manager, CASE_COUNTS_SQL, parameters);
    const { rows: satisfactionRows } = await preparedQuery<SatisfactionCountRow>(
      manager,
      SATISFACTION_COUNTS_SQL,
      parameters,
    );
    const windowOf = (g: number, current: boolean): WindowCounts | null => {
      const target = targets[g - 1];
      return current ? target.current : target.previous;
    };
    for (const row of caseRows) {
      const counts = windowOf(row.g, row.current);
      if (!counts) continue;
      const field = row.dimension === 'issue' ? 'issues' : 'channels';
      (counts[field] as Record<string, number>)[row.item] = row.cases;
    }
    for (const row of satisfactionRows) {
      const counts = windowOf(row.g, row.current);
      if (!counts) continue;
      counts.csat = { responses: row.csat_responses, satisfied: row.csat_satisfied };
      counts.nps = {
        promoters: row.nps_promoters,
        passives: row.nps_passives,
        detractors: row.nps_detractors,
      };
    }
    return { segments, bases };
  }

  private async storedSignals(
    manager: EntityManager,
    due: Due[],
  ): Promise<{ stored: Map<string, StoredSignalState[]>; raisedAt: Map<string, Date> }> {
    const columns = due.map((d) => segmentColumns(d.segment));
    const { rows } = await preparedQuery<StoredSignalRow>(manager, STORED_SIGNALS_SQL, [
      columns.map((c) => c.attribute),
      columns.map((c) => c.value),
    ]);
    const bySegment = new Map<string, StoredSignalState[]>();
    const raisedAt = new Map<string, Date>();
    for (const row of rows) {
      raisedAt.set(row.key, row.raised_at);
      const key = `${row.attribute}=${row.segment_value}`;
      const list = bySegment.get(key) ?? [];
      list.push({
        key: row.key,
        dimension: row.dimension,
        item: row.item,
        status: row.status,
        support: row.support,
        headline: row.headline,
        direction: row.direction,
        ratio: row.ratio,
        differencePoints: row.difference_points,
        version: row.version,
      });
      bySegment.set(key, list);
    }
    return { stored: bySegment, raisedAt };
  }
}

/**
 * The segments of the customers whose facts the batch wrote, before and after (a case that moves
 * to another segment changes both). Sorted, so locks and evaluations go in one order.
 */
/**
 * Per segment the batch touched, the latest time among its facts in the batch: a case's event time,
 * a response's time. A segment a record left (its `before`) is dated by the record's new version.
 */
export function segmentEventTimes(batch: AppliedBatch): Map<string, Date> {
  const times = new Map<string, Date>();
  const note = (snapshot: unknown, time: Date) => {
    if (!snapshot || typeof snapshot !== 'object') return;
    for (const segment of segmentsOf(snapshot)) {
      const key = segmentKey(segment);
      const known = times.get(key);
      if (!known || time > known) times.set(key, time);
    }
  };
  for (const { before, after } of batch.caseChanges) {
    const time = new Date(after.event_time);
    note(after.customer?.segment, time);
    note(before?.customer?.segment, time);
  }
  for (const { before, after } of batch.surveyChanges) {
    const time = new Date(after.responded_at);
    note(after.customer?.segment, time);
    note(before?.customer?.segment, time);
  }
  return times;
}

export function touchedSegments(batch: AppliedBatch): Segment[] {
  const snapshots: unknown[] = [];
  for (const change of [...batch.caseChanges, ...batch.surveyChanges]) {
    snapshots.push(change.after.customer?.segment, change.before?.customer?.segment);
  }
  const unique = new Map<string, Segment>();
  for (const snapshot of snapshots) {
    if (!snapshot || typeof snapshot !== 'object') continue;
    for (const segment of segmentsOf(snapshot)) unique.set(segmentKey(segment), segment);
  }
  return [...unique.entries()].sort(([a], [b]) => compareText(a, b)).map(([, segment]) => segment);
}

function stateRow(
  due: Due,
  change: PlannedChange,
  raisedAt: Date,
  settings: PersonaSignalSettings,
): Record<string, unknown> {
  const at = due.at;
  const segment = segmentColumns(change.segment);
  return {
    key: change.key,
    attribute: segment.attribute,
    segment_value: segment.value,
    dimension: change.dimension,
    item: change.item,
    status: change.change === 'cleared' ? 'cleared' : 'open',
    support: change.support,
    headline: change.headline,
    direction: change.direction,
    score: change.score,
    effect_size: change.effectSize,
    ratio: change.ratio,
    difference_points: change.differencePoints,
    sentence: change.sentence,
    comparisons: announcedComparisons(change, settings),
    family_size: change.familySize,
    window_start: due.windows.current.start,
    window_end: due.windows.current.end,
    raised_at: raisedAt,
    updated_at: at,
    cleared_at: change.change === 'cleared' ? at : null,
    last_event_id: derivedEventId('persona-signals', `${change.key}\u0000${change.sequence}`),
    version: change.sequence,
  };
}

function outboxEvent(
  due: Due,
  change: PlannedChange,
  eventId: string,
  settings: PersonaSignalSettings,
  settingsVersion: number,
): OutboxEvent<PersonaSignalInsight> {
  const data: PersonaSignalInsight = {
    key: change.key,
    change: change.change,
    sequence: change.sequence,
    segment: toContractSegment(change.segment),
    dimension: change.dimension,
    item: change.item,
    headline: change.headline,
    direction: change.direction,
    sentence: change.sentence,
    score: change.score,
    window: { ...due.windows.current },
    previousWindow: { ...due.windows.previous },
    comparisons: announcedComparisons(change, settings),
    correction: settings.correction,
    familySize: change.familySize,
    alpha: settings.alpha,
    at: due.at.toISOString(),
    settingsVersion,
  };
  return {
    contract: EventContracts.PersonaSignalInsight,
    eventId,
    key: change.key,
    sequence: change.sequence,
    time: due.at,
    data,
  };
}

/** The comparisons as announced (and stored): absent rather than null, with the interval's level. */
function announcedComparisons(
  change: PlannedChange,
  settings: PersonaSignalSettings,
): PersonaSignalComparison[] {
  return change.comparisons.map((comparison) => ({
    against: comparison.against,
    test: comparison.test,
    ...(comparison.statistic === null ? {} : { statistic: comparison.statistic }),
    pValue: comparison.pValue,
    adjustedPValue: comparison.adjustedPValue,
    segment: comparison.segment,
    reference: comparison.reference,
    ...(comparison.ratio === null ? {} : { ratio: comparison.ratio }),
    differencePoints: comparison.differencePoints,
    differenceInterval: { ...comparison.differenceInterval, level: settings.confidenceLevel },
    ...(comparison.cohensH === null ? {} : { cohensH: comparison.cohensH }),
    ...(comparison.cohensD === null ? {} : { cohensD: comparison.cohensD }),
    direction: comparison.direction,
    carries: comparison.carries,
  }));
}

const EVALUATION_COLUMNS: BulkColumn[] = [
  { name: 'attribute', type: 'text' },
  { name: 'segment_value', type: 'text' },
  { name: 'evaluated_at', type: 'timestamptz' },
];

const STATE_COLUMNS: BulkColumn[] = [
  { name: 'key', type: 'text' },
  { name: 'attribute', type: 'text' },
  { name: 'segment_value', type: 'text' },
  { name: 'dimension', type: 'text' },
  { name: 'item', type: 'text' },
  { name: 'status', type: 'text' },
  { name: 'support', type: 'jsonb' },
  { name: 'headline', type: 'text' },
  { name: 'direction', type: 'text' },
  { name: 'score', type: 'double precision' },
  { name: 'effect_size', type: 'double precision' },
  { name: 'ratio', type: 'double precision' },
  { name: 'difference_points', type: 'double precision' },
  { name: 'sentence', type: 'text' },
  { name: 'comparisons', type: 'jsonb' },
  { name: 'family_size', type: 'int' },
  { name: 'window_start', type: 'date' },
  { name: 'window_end', type: 'date' },
  { name: 'raised_at', type: 'timestamptz' },
  { name: 'updated_at', type: 'timestamptz' },
  { name: 'cleared_at', type: 'timestamptz' },
  { name: 'last_event_id', type: 'text' },
  { name: 'version', type: 'int' },
];
