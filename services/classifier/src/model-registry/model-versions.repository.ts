import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Evaluation } from '../model/domain/text-model';

export interface ModelVersionSummary {
  version: number;
  createdAt: string;
  trainingExamples: number;
  holdoutExamples: number;
  codes: number;
  trainingSeconds: number;
  evaluation: Evaluation;
  /** The previously promoted model, evaluated on the same holdout; absent for the first model. */
  baseline: Evaluation | null;
  promoted: boolean;
  forced: boolean;
  note: string | null;
}

export interface NewModelVersion extends Omit<ModelVersionSummary, 'version' | 'createdAt'> {
  model: Buffer;
}

interface Row {
  version: number;
  created_at: Date;
  training_examples: number;
  holdout_examples: number;
  codes: number;
  training_seconds: number;
  evaluation: Evaluation;
  baseline: Evaluation | null;
  promoted: boolean;
  forced: boolean;
  note: string | null;
}

const SUMMARY_COLUMNS =
  'version, created_at, training_examples, holdout_examples, codes, training_seconds, evaluation, baseline, promoted, forced, note';

/** Trained models and their evaluations; the only place that reads or writes them. */
@Injectable()
export class ModelVersionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async save(model: NewModelVersion): Promise<number> {
    // Versions are consecutive; two trainings finishing together retry on the primary key.
    for (let attempt = 1; ; attempt++) {
      try {
        const rows: Array<{ version: number }> = await this.dataSource.query(
          `INSERT INTO classifier.model_versions
             (version, training_examples, holdout_examples, codes, training_seconds, evaluation, baseline,
              promoted, forced, note, model)
           SELECT coalesce(max(version), 0) + 1, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10
           FROM classifier.model_versions
           RETURNING version`,
          [
            model.trainingExamples,
            model.holdoutExamples,
            model.codes,
            model.trainingSeconds,
            JSON.stringify(model.evaluation),
            model.baseline === null ? null : JSON.stringify(model.baseline),
            model.promoted,
            model.forced,
            model.note,
            model.model,
          ],
        );
        return rows[0].version;
      } catch (error) {
        if ((error as { driverError?: { code?: string } }).driverError?.code !== '23505' || attempt >= 5)
          throw error;
      }
    }
  }

  /** The newest promoted model with its bytes, or undefined before the first training. */
  async currentPromoted(): Promise<{ summary: ModelVersionSummary; model: Buffer } | undefined> {
    const rows: Array<Row & { model: Buffer }> = await this.dataSource.query(
      `SELECT ${SUMMARY_COLUMNS}, model FROM classifier.model_versions WHERE promoted ORDER BY version DESC LIMIT 1`,
    );
    return rows.length === 0 ? undefined : { summary: toSummary(rows[0]), model: rows[0].model };
  }

  async currentPromotedVersion(): Promise<number | undefined> {
    const rows: Array<{ version: number }> = await this.dataSource.query(
      'SELECT max(version) AS version FROM classifier.model_versions WHERE promoted',
    );
    return rows[0]?.version ?? undefined;
  }

  async list(): Promise<ModelVersionSummary[]> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT ${SUMMARY_COLUMNS} FROM classifier.model_versions ORDER BY version DESC`,
    );
    return rows.map(toSummary);
  }

  async get(version: number): Promise<ModelVersionSummary | undefined> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT ${SUMMARY_COLUMNS} FROM classifier.model_versions WHERE version = $1`,
      [version],
    );
    return rows.length === 0 ? undefined : toSummary(rows[0]);
  }
}

function toSummary(row: Row): ModelVersionSummary {
  return {
    version: row.version,
    createdAt: row.created_at.toISOString(),
    trainingExamples: row.training_examples,
    holdoutExamples: row.holdout_examples,
    codes: row.codes,
    trainingSeconds: row.training_seconds,
    evaluation: row.evaluation,
    baseline: row.baseline,
    promoted: row.promoted,
    forced: row.forced,
    note: row.note,
  };
}
