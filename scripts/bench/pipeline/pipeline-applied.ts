import { Topics } from '@supportlens/contracts';
import { Pool } from 'pg';
import { AppliedEvents } from '../insights/applied-events';
import { AppliedProbe, TrackedEvent } from '../shared/applied-probe';
import { RawRecord } from './raw-records';

/**
 * What the pipeline has carried from the raw topics into insights' read models. A raw record has no
 * id the bench can predict downstream (ingest, the classifier and survey-scoring each derive their
 * event ids), so it is found by what it is: a case version is applied when insights' fact of that
 * case holds that version or a later one (facts keep a case's latest version, and one customer's
 * versions apply in order), a survey response when its fact exists. Facts commit in the same
 * transaction as profiles, rollups and windows, so a fact seen means every read model holds it.
 */
export class PipelineApplied implements AppliedProbe {
  private readonly records = new Map<string, RawRecord>();
  private readonly insights: AppliedEvents;

  constructor(private readonly pool: Pool) {
    this.insights = new AppliedEvents(pool);
  }

  /** Makes the records findable by their ids (the phases ask by id). */
  track(records: readonly RawRecord[]): void {
    for (const record of records) this.records.set(record.id, record);
  }

  /** Input events insights committed, one per raw record that reached it. */
  async count(): Promise<number> {
    const { rows } = await this.pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM insights.processed_events WHERE consumer = ANY($1)`,
      [[Topics.CasesClassified, Topics.SurveysScored]],
    );
    return Number(rows[0].n);
  }

  async committed(events: readonly TrackedEvent[]): Promise<Set<string>> {
    const records = events.map((event) => this.records.get(event.id)!);
    const cases = records.filter((record) => record.kind === 'case');
    const surveys = records.filter((record) => record.kind === 'survey');
    const seen = new Set<string>();
    if (cases.length > 0) {
      const { rows } = await this.pool.query<{ id: string }>(
        `SELECT k.id FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[]) AS k(id, source, case_id, version_time)
         JOIN insights.case_facts f ON f.source = k.source AND f.case_id = k.case_id AND f.event_time >= k.version_time`,
        [
          cases.map((r) => r.id),
          cases.map((r) => r.source),
          cases.map((r) => r.recordId),
          cases.map((r) => r.versionTime),
        ],
      );
      for (const row of rows) seen.add(row.id);
    }
    if (surveys.length > 0) {
      const { rows } = await this.pool.query<{ id: string }>(
        `SELECT k.id FROM unnest($1::text[], $2::text[], $3::text[]) AS k(id, source, response_id)
         JOIN insights.survey_facts f ON f.source = k.source AND f.response_id = k.response_id`,
        [surveys.map((r) => r.id), surveys.map((r) => r.source), surveys.map((r) => r.recordId)],
      );
      for (const row of rows) seen.add(row.id);
    }
    return seen;
  }

  catchUp(): ReturnType<AppliedProbe['catchUp']> {
    return this.insights.catchUp();
  }
}
