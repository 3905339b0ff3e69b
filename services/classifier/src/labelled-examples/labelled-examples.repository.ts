import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { bulkUpsert } from '@supportlens/persistence';
import { DataSource } from 'typeorm';

export interface LabelledExample {
  source: string;
  caseId: string;
  issueCode: string;
  text: string;
  /** What the rules/model said without the agent's label: agreement is tracked per code. */
  predictedCode: string;
  labelledAt: string;
}

@Injectable()
export class LabelledExamplesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One statement per batch; a re-delivered case rewrites its own row, never adds one. */
  async save(examples: LabelledExample[]): Promise<void> {
    await bulkUpsert(this.dataSource.manager, {
      table: 'classifier.labelled_examples',
      columns: [
        { name: 'source', type: 'text' },
        { name: 'case_id', type: 'text' },
        { name: 'issue_code', type: 'text' },
        { name: 'text', type: 'text' },
        { name: 'predicted_code', type: 'text' },
        { name: 'agrees', type: 'boolean' },
        { name: 'labelled_at', type: 'timestamptz' },
      ],
      rows: examples.map((example) => ({
        source: example.source,
        case_id: example.caseId,
        issue_code: example.issueCode,
        text: example.text,
        predicted_code: example.predictedCode,
        agrees: example.predictedCode === example.issueCode,
        labelled_at: example.labelledAt,
      })),
      conflictColumns: ['source', 'case_id'],
      onlyWhen: 'EXCLUDED.labelled_at >= t.labelled_at',
    });
  }
}
