import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { bulkUpsert } from '@supportlens/persistence';
import { DataSource } from 'typeorm';

export interface PublishedEventRow {
  eventId: string;
  kind: string;
  source: string;
  recordId: string;
  customerId: string;
}

/** The idempotency keys: which record versions ingest has already handed to Kafka. */
@Injectable()
export class PublishedEventsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One query for the whole batch. */
  async findPublished(eventIds: string[]): Promise<Set<string>> {
    if (eventIds.length === 0) return new Set();
    const rows: Array<{ event_id: string }> = await this.dataSource.query(
      'SELECT event_id FROM ingest.published_events WHERE event_id = ANY($1::text[])',
      [eventIds],
    );
    return new Set(rows.map((row) => row.event_id));
  }

  async recordPublished(rows: PublishedEventRow[]): Promise<void> {
    await bulkUpsert(this.dataSource.manager, {
      table: 'ingest.published_events',
      columns: [
        { name: 'event_id', type: 'text' },
        { name: 'kind', type: 'text' },
        { name: 'source', type: 'text' },
        { name: 'record_id', type: 'text' },
        { name: 'customer_id', type: 'text' },
      ],
      rows: rows.map((row) => ({
        event_id: row.eventId,
        kind: row.kind,
        source: row.source,
        record_id: row.recordId,
        customer_id: row.customerId,
      })),
      conflictColumns: ['event_id'],
      updateColumns: [],
    });
  }
}
