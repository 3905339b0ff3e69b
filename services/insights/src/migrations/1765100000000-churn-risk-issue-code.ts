import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The customer's top issue code in the churn-risk window, as of the insight's last change: what
 * `GET /v1/insights/churn-risk?issueCode=` filters on. Rows written before take it from the reasons'
 * evidence, where the detector named it ("…, mostly <code>").
 */
export class ChurnRiskIssueCode1765100000000 implements MigrationInterface {
  name = 'ChurnRiskIssueCode1765100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE insights.churn_risk ADD COLUMN top_issue_code text`);
    await queryRunner.query(`
      UPDATE insights.churn_risk r SET top_issue_code = (
        SELECT substring(reason ->> 'detail' FROM ', mostly (.+)$')
        FROM jsonb_array_elements(r.reasons) reason
        WHERE reason ->> 'signal' IN ('reopened_cases', 'escalated_cases')
          AND reason ->> 'detail' LIKE '%, mostly %'
        LIMIT 1)`);
    await queryRunner.query(
      `CREATE INDEX churn_risk_issue_code ON insights.churn_risk (top_issue_code) WHERE top_issue_code IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE insights.churn_risk DROP COLUMN top_issue_code`);
  }
}
