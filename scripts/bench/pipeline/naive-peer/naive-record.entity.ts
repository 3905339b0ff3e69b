import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One raw record version as the naive peer stores it: an entity per event, saved one by one. */
@Entity({ schema: 'bench_naive', name: 'records' })
export class NaiveRecord {
  @PrimaryColumn()
  kind!: string;

  @PrimaryColumn({ name: 'record_id' })
  recordId!: string;

  @PrimaryColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'customer_id' })
  customerId!: string;

  @Column({ type: 'jsonb' })
  data!: object;
}

/** The table, made by the bench (the peer runs with `synchronize` off, as production code should). */
export const NAIVE_RECORDS_DDL = `
  CREATE SCHEMA IF NOT EXISTS bench_naive;
  CREATE TABLE IF NOT EXISTS bench_naive.records (
    kind text NOT NULL, record_id text NOT NULL, updated_at timestamptz NOT NULL, customer_id text NOT NULL,
    data jsonb NOT NULL, PRIMARY KEY (kind, record_id, updated_at))`;
