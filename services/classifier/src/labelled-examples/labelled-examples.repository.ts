import { Injectable } from '@nestjs/common';
import { Erasure } from '@supportlens/contracts';
import { InjectDataSource } from '@nestjs/typeorm';
import { bulkUpsert } from '@supportlens/persistence';
import { DataSource, EntityManager } from 'typeorm';
import { latestVersionPerCase } from '../cases/domain/latest-version-per-case';

export interface LabelledExample {
  source: string;
  caseId: string;
  /** Whose case it is: an erasure of the customer finds their examples by it. */
  customerId: string;
  issueCode: string;
  /** Masked; null when the customer's personal data was erased (the label and agreement stay). */
  text: string | null;
  /** What the rules/model said without the agent's label: agreement is tracked per code. */
  predictedCode: string;
  labelledAt: string;
}

export interface CodeAgreement {
  code: string;
  examples: number;
  /** Share of the agents' labels the classifier would have given by itself. */
  agreement: number;
}

@Injectable()
export class LabelledExamplesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** How many examples training can use: those that still have their text. */
  async count(): Promise<number> {
    const [{ count }] = (await this.dataSource.query(
      'SELECT count(*)::int AS count FROM classifier.labelled_examples WHERE text IS NOT NULL',
    )) as Array<{ count: number }>;
    return count;
  }

  /** Every agent-labelled case as a training example (the text is stored masked); erased ones have none. */
  async trainingExamples(): Promise<Array<{ text: string; code: string }>> {
    return this.dataSource.query(
      'SELECT text, issue_code AS code FROM classifier.labelled_examples WHERE text IS NOT NULL',
    );
  }

  /** Agreement between the classifier and the agents, per code, most labelled first. */
  async agreement(): Promise<{ overall: number | null; examples: number; perCode: CodeAgreement[] }> {
    const rows: Array<{ code: string; examples: number; agreement: number }> = await this.dataSource.query(
      `SELECT issue_code AS code, count(*)::int AS examples, avg(CASE WHEN agrees THEN 1.0 ELSE 0.0 END)::float AS agreement
       FROM classifier.labelled_examples GROUP BY issue_code ORDER BY examples DESC, code`,
    );
    const examples = rows.reduce((sum, row) => sum + row.examples, 0);
    const agreeing = rows.reduce((sum, row) => sum + row.agreement * row.examples, 0);
    return { overall: examples === 0 ? null : agreeing / examples, examples, perCode: rows };
  }

  /** One statement per batch; a re-delivered case rewrites its own row, never adds one. */
  async save(manager: EntityManager, examples: LabelledExample[]): Promise<void> {
    await bulkUpsert(manager, {
      table: 'classifier.labelled_examples',
      columns: [
        { name: 'source', type: 'text' },
        { name: 'case_id', type: 'text' },
        { name: 'customer_id', type: 'text' },
        { name: 'issue_code', type: 'text' },
        { name: 'text', type: 'text' },
        { name: 'predicted_code', type: 'text' },
        { name: 'agrees', type: 'boolean' },
        { name: 'labelled_at', type: 'timestamptz' },
      ],
      rows: latestVersionPerCase(examples, (example) => example.labelledAt).map((example) => ({
        source: example.source,
        case_id: example.caseId,
        customer_id: example.customerId,
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

  /**
   * Scrubs the text of the customers' examples labelled up to their erasure, in one statement; the
   * label, the agreement and the ids stay (they are not personal). Returns how many were scrubbed.
   */
  async erase(manager: EntityManager, erasures: readonly Erasure[]): Promise<number> {
    if (erasures.length === 0) return 0;
    const [, scrubbed] = (await manager.query(
      `UPDATE classifier.labelled_examples l SET text = NULL
       FROM unnest($1::text[], $2::timestamptz[]) AS e(customer_id, erased_at)
       WHERE l.customer_id = e.customer_id AND l.labelled_at <= e.erased_at AND l.text IS NOT NULL`,
      [erasures.map((erasure) => erasure.customerId), erasures.map((erasure) => erasure.erasedAt)],
    )) as [unknown, number];
    return scrubbed;
  }
}
