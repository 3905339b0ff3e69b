import { Injectable } from '@nestjs/common';
import { Erasure, IssueCodeCandidate } from '@supportlens/contracts';
import { BulkColumn, bulkUpsert, jsonRowsFrom, jsonRowsParameter } from '@supportlens/persistence';
import { EntityManager } from 'typeorm';
import { LowConfidenceCase, TermBackground } from './domain/detect-emerging-topics';
import { CaseContribution, documentFrequencyDeltas } from './domain/document-frequency-deltas';
import { latestVersionPerCase } from '../cases/domain/latest-version-per-case';

/** Advisory-lock namespace (two-int4 form) serialising two transactions recording the same case. */
export const CASE_TERMS_LOCK_NAMESPACE = 52_001;

/** A case_terms row as bound (see jsonRowsFrom); the terms newline-joined (no term holds a line break). */
const CASE_TERMS_COLUMNS: BulkColumn[] = [
  { name: 'source', type: 'text' },
  { name: 'case_id', type: 'text' },
  { name: 'customer_id', type: 'text' },
  { name: 'day', type: 'date' },
  { name: 'terms', type: 'text' },
  { name: 'version_at', type: 'timestamptz' },
];

/** A document-frequency delta as bound: the documents a term's day gains (or loses). */
const TERM_DELTA_COLUMNS: BulkColumn[] = [
  { name: 'term', type: 'text' },
  { name: 'day', type: 'date' },
  { name: 'delta', type: 'int' },
];

/** One case as stored: its key terms and day for the counts, and its masked text if it is low confidence. */
export interface RecordedCase {
  source: string;
  caseId: string;
  /** Whose case it is: an erasure of the customer finds the case's rows by it. */
  customerId: string;
  /** UTC day the case counts on (from when it was opened). */
  day: string;
  terms: string[];
  /** The version time: an older version of a case never overwrites a newer one. */
  versionAt: string;
  lowConfidence?: {
    /** Null when the customer's personal data was erased: the case still counts, without its text. */
    textMasked: string | null;
    classifiedAs: string;
    confidence: number;
    candidates: IssueCodeCandidate[];
    occurredAt: string;
  };
}

export interface RecordResult {
  /** Cases written (new, redelivered or newer versions). */
  recorded: number;
  /** Cases skipped because a newer version of them is already stored. */
  stale: number;
  /** Of the recorded, those now in the low-confidence pool. */
  lowConfidence: number;
}

interface StoredTerms {
  source: string;
  case_id: string;
  day: string;
  terms: string[];
  incoming_is_newer: boolean;
}

/**
 * The emerging-topics tables. `record` must run in a transaction (its locks are held until commit);
 * the reads run anywhere.
 */
@Injectable()
export class EmergingTopicsRepository {
  /**
   * Stores a batch of cases in a fixed number of statements whatever its size: locks the cases,
   * reads their stored terms, applies −old +new to the per-day document frequencies, then upserts
   * each case's terms and its low-confidence row (or deletes that row when the case no longer
   * qualifies). A redelivered case rewrites its own rows and moves no count; a case listed twice
   * counts once (its latest version).
   */
  async record(manager: EntityManager, cases: readonly RecordedCase[]): Promise<RecordResult> {
    const latest = latestVersionPerCase(cases, (c) => c.versionAt);
    if (latest.length === 0) return { recorded: 0, stale: 0, lowConfidence: 0 };
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error(
        'EmergingTopicsRepository.record must run in a transaction (its locks last until commit)',
      );
    }

    await manager.query(
      `SELECT pg_advisory_xact_lock($1::int, lock_key)
       FROM (SELECT DISTINCT hashtext(k.source || '/' || k.case_id) AS lock_key
             FROM unnest($2::text[], $3::text[]) AS k(source, case_id) ORDER BY 1) keys`,
      [CASE_TERMS_LOCK_NAMESPACE, latest.map((c) => c.source), latest.map((c) => c.caseId)],
    );
    const stored: StoredTerms[] = await manager.query(
      `SELECT c.source, c.case_id, to_char(c.day, 'YYYY-MM-DD') AS day, c.terms,
              k.version_at >= c.version_at AS incoming_is_newer
       FROM classifier.case_terms c
       JOIN unnest($1::text[], $2::text[], $3::timestamptz[]) AS k(source, case_id, version_at)
         ON c.source = k.source AND c.case_id = k.case_id`,
      [latest.map((c) => c.source), latest.map((c) => c.caseId), latest.map((c) => c.versionAt)],
    );
    const storedByKey = new Map(stored.map((row) => [keyOf(row.source, row.case_id), row]));
    const accepted = latest.filter(
      (c) => storedByKey.get(keyOf(c.source, c.caseId))?.incoming_is_newer ?? true,
    );

    const deltas = documentFrequencyDeltas(
      accepted.map((c) => {
        const before = storedByKey.get(keyOf(c.source, c.caseId));
        const after: CaseContribution = { day: c.day, terms: c.terms };
        return before ? { before: { day: before.day, terms: before.terms }, after } : { after };
      }),
    );
    // No terms at all make an empty array (string_to_array('') is '{}').
    await manager.query(
      `INSERT INTO classifier.case_terms AS t (source, case_id, customer_id, day, terms, version_at)
       SELECT u.source, u.case_id, u.customer_id, u.day, string_to_array(u.terms, E'\\n'), u.version_at
       FROM ${jsonRowsFrom(CASE_TERMS_COLUMNS, 1, 'u')}
       ON CONFLICT (source, case_id) DO UPDATE
         SET customer_id = EXCLUDED.customer_id, day = EXCLUDED.day, terms = EXCLUDED.terms,
             version_at = EXCLUDED.version_at`,
      [
        jsonRowsParameter(
          CASE_TERMS_COLUMNS,
          accepted.map((c) => [c.source, c.caseId, c.customerId, c.day, c.terms.join('\n'), c.versionAt]),
        ),
      ],
    );

    const low = accepted.flatMap((c) => (c.lowConfidence ? [{ ...c.lowConfidence, c }] : []));
    await bulkUpsert(manager, {
      table: 'classifier.low_confidence_cases',
      columns: [
        { name: 'source', type: 'text' },
        { name: 'case_id', type: 'text' },
        { name: 'text_masked', type: 'text' },
        { name: 'classified_as', type: 'text' },
        { name: 'confidence', type: 'double precision' },
        { name: 'candidates', type: 'jsonb' },
        { name: 'occurred_at', type: 'timestamptz' },
      ],
      rows: low.map((row) => ({
        source: row.c.source,
        case_id: row.c.caseId,
        text_masked: row.textMasked,
        classified_as: row.classifiedAs,
        confidence: row.confidence,
        candidates: row.candidates,
        occurred_at: row.occurredAt,
      })),
      conflictColumns: ['source', 'case_id'],
    });
    const noLongerLow = accepted.filter((c) => !c.lowConfidence);
    if (noLongerLow.length > 0) {
      await manager.query(
        `DELETE FROM classifier.low_confidence_cases l
         USING unnest($1::text[], $2::text[]) AS k(source, case_id)
         WHERE l.source = k.source AND l.case_id = k.case_id`,
        [noLongerLow.map((c) => c.source), noLongerLow.map((c) => c.caseId)],
      );
    }
    // Last: every concurrent batch counts the same common terms of the same days, so these rows are
    // locked until commit; written last, they are held for the commit only, not for the rows above.
    await this.applyTermDeltas(manager, deltas.terms);
    await this.applyDayDeltas(manager, deltas.days);
    return { recorded: accepted.length, stale: latest.length - accepted.length, lowConfidence: low.length };
  }

  /** The most recent `limit` low-confidence cases opened in [from, to). */
  async lowConfidenceCases(
    manager: EntityManager,
    from: Date,
    to: Date,
    limit: number,
  ): Promise<LowConfidenceCase[]> {
    const rows: Array<{
      source: string;
      case_id: string;
      text_masked: string | null;
      classified_as: string;
      confidence: number;
      candidates: IssueCodeCandidate[];
      occurred_at: Date;
    }> = await manager.query(
      `SELECT source, case_id, text_masked, classified_as, confidence, candidates, occurred_at
       FROM classifier.low_confidence_cases
       WHERE occurred_at >= $1 AND occurred_at < $2
       ORDER BY occurred_at DESC, source, case_id
       LIMIT $3`,
      [from.toISOString(), to.toISOString(), limit],
    );
    return rows.map((row) => ({
      source: row.source,
      caseId: row.case_id,
      // An erased case stays in the pool (it counts) but brings no terms and no example.
      text: row.text_masked ?? '',
      classifiedAs: row.classified_as,
      confidence: Number(row.confidence),
      candidates: (row.candidates ?? []).map((candidate) => candidate.issueCode),
      at: new Date(row.occurred_at).toISOString(),
    }));
  }

  /** Cases on the days [fromDay, toDay), and how many of them contain each of `terms`. */
  async background(
    manager: EntityManager,
    fromDay: string,
    toDay: string,
    terms: readonly string[],
  ): Promise<TermBackground> {
    const [totals]: Array<{ documents: number }> = await manager.query(
      `SELECT coalesce(sum(documents), 0)::int AS documents
       FROM classifier.term_document_totals WHERE day >= $1 AND day < $2`,
      [fromDay, toDay],
    );
    const termRows: Array<{ term: string; documents: number }> =
      terms.length === 0
        ? []
        : await manager.query(
            `SELECT term, sum(documents)::int AS documents
             FROM classifier.term_document_frequency
             WHERE term = ANY($1::text[]) AND day >= $2 AND day < $3
             GROUP BY term`,
            [terms, fromDay, toDay],
          );
    return {
      documents: Number(totals?.documents ?? 0),
      termDocuments: new Map(termRows.map((row) => [row.term, Number(row.documents)])),
    };
  }

  /**
   * Scrubs what the customers' cases versioned up to their erasure left here, in a fixed number of
   * statements: their key terms leave the per-day term counts and their `case_terms` row (which keeps
   * the case's day, so the case still counts as a document of its day), and their low-confidence
   * sample loses its text (it keeps its code, confidence and candidates). Because the stored terms
   * and the counts move together, a later version of such a case is still applied as −old +new.
   * Locks the cases as {@link record} does; must run in a transaction. Returns how many cases lost
   * their terms and how many samples their text.
   */
  async erase(
    manager: EntityManager,
    erasures: readonly Erasure[],
  ): Promise<{ terms: number; samples: number }> {
    if (erasures.length === 0) return { terms: 0, samples: 0 };
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error(
        'EmergingTopicsRepository.erase must run in a transaction (its locks last until commit)',
      );
    }
    const parameters = [erasures.map((e) => e.customerId), erasures.map((e) => e.erasedAt)];
    const erasedCases = `
      SELECT c.source, c.case_id FROM classifier.case_terms c
      JOIN unnest($1::text[], $2::timestamptz[]) AS e(customer_id, erased_at)
        ON c.customer_id = e.customer_id AND c.version_at <= e.erased_at`;
    // Read first, then locked and read again: a case listed here can only have moved to another
    // customer meanwhile (this customer's batches wait for the erasure's lock), never the reverse.
    const cases: Array<{ source: string; case_id: string }> = await manager.query(erasedCases, parameters);
    if (cases.length === 0) return { terms: 0, samples: 0 };
    await manager.query(
      `SELECT pg_advisory_xact_lock($1::int, lock_key)
       FROM (SELECT DISTINCT hashtext(k.source || '/' || k.case_id) AS lock_key
             FROM unnest($2::text[], $3::text[]) AS k(source, case_id) ORDER BY 1) keys`,
      [CASE_TERMS_LOCK_NAMESPACE, cases.map((c) => c.source), cases.map((c) => c.case_id)],
    );

    // Under the case locks, as record() reads them: every writer of these rows takes those locks first.
    const withTerms: StoredTerms[] = await manager.query(
      `SELECT c.source, c.case_id, to_char(c.day, 'YYYY-MM-DD') AS day, c.terms, false AS incoming_is_newer
       FROM classifier.case_terms c
       JOIN unnest($1::text[], $2::timestamptz[]) AS e(customer_id, erased_at)
         ON c.customer_id = e.customer_id AND c.version_at <= e.erased_at
       WHERE cardinality(c.terms) > 0`,
      parameters,
    );
    const deltas = documentFrequencyDeltas(
      withTerms.map((row) => ({
        before: { day: row.day, terms: row.terms },
        after: { day: row.day, terms: [] },
      })),
    );
    await this.applyTermDeltas(manager, deltas.terms);
    if (withTerms.length > 0) {
      await manager.query(
        `UPDATE classifier.case_terms c SET terms = '{}'
         FROM unnest($1::text[], $2::text[]) AS k(source, case_id)
         WHERE c.source = k.source AND c.case_id = k.case_id`,
        [withTerms.map((row) => row.source), withTerms.map((row) => row.case_id)],
      );
    }
    const [, samples] = (await manager.query(
      `UPDATE classifier.low_confidence_cases l SET text_masked = NULL
       FROM (${erasedCases}) k
       WHERE l.source = k.source AND l.case_id = k.case_id AND l.text_masked IS NOT NULL`,
      parameters,
    )) as [unknown, number];
    return { terms: withTerms.length, samples };
  }

  /** Deletes everything about days before `beforeDay` (and low-confidence cases opened before it). */
  async prune(manager: EntityManager, beforeDay: string): Promise<void> {
    await manager.query(`DELETE FROM classifier.term_document_frequency WHERE day < $1`, [beforeDay]);
    await manager.query(`DELETE FROM classifier.term_document_totals WHERE day < $1`, [beforeDay]);
    await manager.query(`DELETE FROM classifier.case_terms WHERE day < $1`, [beforeDay]);
    await manager.query(`DELETE FROM classifier.low_confidence_cases WHERE occurred_at < $1::date`, [
      beforeDay,
    ]);
  }

  /**
   * Adds the deltas in one statement, in key order (two batches touching the same rows lock them in
   * the same order), then drops rows that reached zero in a second one.
   */
  private async applyTermDeltas(
    manager: EntityManager,
    deltas: ReadonlyArray<{ term: string; day: string; delta: number }>,
  ): Promise<void> {
    if (deltas.length === 0) return;
    const rows = jsonRowsParameter(
      TERM_DELTA_COLUMNS,
      deltas.map((d) => [d.term, d.day, d.delta]),
    );
    await manager.query(
      `INSERT INTO classifier.term_document_frequency AS t (term, day, documents)
       SELECT d.term, d.day, d.delta FROM ${jsonRowsFrom(TERM_DELTA_COLUMNS, 1, 'd')}
       ORDER BY d.term COLLATE "C", d.day
       ON CONFLICT (term, day) DO UPDATE SET documents = t.documents + EXCLUDED.documents`,
      [rows],
    );
    if (deltas.some((d) => d.delta < 0)) {
      await manager.query(
        `DELETE FROM classifier.term_document_frequency t
         USING ${jsonRowsFrom(TERM_DELTA_COLUMNS, 1, 'd')}
         WHERE t.term = d.term AND t.day = d.day AND t.documents <= 0`,
        [rows],
      );
    }
  }

  private async applyDayDeltas(
    manager: EntityManager,
    deltas: ReadonlyArray<{ day: string; delta: number }>,
  ): Promise<void> {
    if (deltas.length === 0) return;
    await manager.query(
      `INSERT INTO classifier.term_document_totals AS t (day, documents)
       SELECT d.day, d.delta FROM unnest($1::date[], $2::int[]) AS d(day, delta)
       ORDER BY d.day
       ON CONFLICT (day) DO UPDATE SET documents = t.documents + EXCLUDED.documents`,
      [deltas.map((d) => d.day), deltas.map((d) => d.delta)],
    );
  }
}

function keyOf(source: string, caseId: string): string {
  return `${source}\u0000${caseId}`;
}
