import { Pool } from 'pg';

/**
 * Waits until insights is not catching up (services/insights catch-up/): with the input read to its
 * end, its monitor judges the deferred customers and ends the catch-up within a check or two. True
 * then; false when `timeoutMs` passed first (the check then counts the customers left unjudged).
 */
export async function waitInsightsJudged(databaseUrl: string, timeoutMs: number): Promise<boolean> {
  const pool = new Pool({ connectionString: databaseUrl, max: 1 });
  try {
    const started = Date.now();
    while (Date.now() - started < timeoutMs) {
      const { rows } = await pool.query<{ catching_up: boolean }>(
        `SELECT catching_up FROM insights.catch_up`,
      );
      if (!rows[0]?.catching_up) return true;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    return false;
  } finally {
    await pool.end();
  }
}
