import type { Pool } from 'pg';

/** What a key already holds when a request could not claim it. */
export interface StoredKey {
  requestHash: string;
  /** Null while the first request is still running. */
  statusCode: number | null;
  responseBody: string | null;
}

/** A claim on a key: `fence` identifies this claim, so that a late finisher never touches a newer one. */
export type Claim = { claimed: true; fence: string } | { claimed: false; existing: StoredKey };

/**
 * The idempotency_key table. Statements go straight to the pool: they are bookkeeping around a
 * request, not part of its transaction or its SQL statement count.
 */
export class IdempotencyStore {
  private lastPurge = 0;

  constructor(
    private readonly pool: Pool,
    private readonly ttlHours: number,
  ) {}

  /**
   * Takes the key for this request (a new key, or one that has expired), or returns what it holds.
   * Two requests racing for one key: the primary key makes the second wait for the first's insert
   * and then see it.
   */
  async claim(subject: string, key: string, requestHash: string): Promise<Claim> {
    // The key can vanish between the two statements (its request failed and released it): try again.
    for (let attempt = 0; attempt < 5; attempt++) {
      const { rows } = await this.pool.query<{ fence: string }>(
        `INSERT INTO idempotency_key (subject, key, request_hash) VALUES ($1, $2, $3)
         ON CONFLICT (subject, key) DO UPDATE
           SET request_hash = EXCLUDED.request_hash, status_code = NULL, response_body = NULL, created_at = now(), completed_at = NULL
           WHERE idempotency_key.created_at < now() - make_interval(hours => $4)
         RETURNING created_at::text AS fence`,
        [subject, key, requestHash, this.ttlHours],
      );
      if (rows.length === 1) return { claimed: true, fence: rows[0].fence };
      const existing = await this.pool.query<StoredKey>(
        `SELECT request_hash AS "requestHash", status_code AS "statusCode", response_body AS "responseBody"
           FROM idempotency_key WHERE subject = $1 AND key = $2 AND created_at >= now() - make_interval(hours => $3)`,
        [subject, key, this.ttlHours],
      );
      if (existing.rows.length === 1) return { claimed: false, existing: existing.rows[0] };
    }
    throw new Error(`idempotency key ${key} kept changing hands`);
  }

  /** Keeps the response for replays. */
  async complete(subject: string, key: string, fence: string, statusCode: number, responseBody: string): Promise<void> {
    await this.pool.query(
      `UPDATE idempotency_key SET status_code = $4, response_body = $5, completed_at = now()
        WHERE subject = $1 AND key = $2 AND created_at = $3::timestamptz AND completed_at IS NULL`,
      [subject, key, fence, statusCode, responseBody],
    );
  }

  /** Forgets a claim whose request did not run (or failed on the server), so that a retry runs afresh. */
  async release(subject: string, key: string, fence: string): Promise<void> {
    await this.pool.query(
      `DELETE FROM idempotency_key WHERE subject = $1 AND key = $2 AND created_at = $3::timestamptz AND completed_at IS NULL`,
      [subject, key, fence],
    );
  }

  /** Deletes expired keys; lazily, at most once a minute per instance, from requests that carry a key. */
  purgeExpired(onError: (err: unknown) => void): void {
    const now = Date.now();
    if (now - this.lastPurge < 60_000) return;
    this.lastPurge = now;
    this.pool
      .query(`DELETE FROM idempotency_key WHERE created_at < now() - make_interval(hours => $1)`, [this.ttlHours])
      .catch(onError);
  }
}
