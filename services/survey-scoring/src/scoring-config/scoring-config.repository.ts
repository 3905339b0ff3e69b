import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface ScoringConfigVersion {
  version: number;
  weights: Record<string, number>;
  tolerance: number;
  benchmarks: Record<string, number>;
}

@Injectable()
export class ScoringConfigRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async current(): Promise<ScoringConfigVersion> {
    const rows: Array<{
      version: number;
      weights: Record<string, number>;
      tolerance: string;
      benchmarks: Record<string, number>;
    }> = await this.dataSource.query(
      'SELECT version, weights, tolerance, benchmarks FROM survey_scoring.scoring_configs ORDER BY version DESC LIMIT 1',
    );
    if (rows.length === 0) throw new Error('no scoring configuration: run `npm run migrate`');
    const [row] = rows;
    return {
      version: row.version,
      weights: row.weights,
      tolerance: Number(row.tolerance),
      benchmarks: row.benchmarks,
    };
  }
}
