import type { Database } from 'better-sqlite3';
import { releaseFromJson, releaseToJson, type Release } from '../releases/types.ts';

export interface FeedState {
  url: string | null;
  etag: string | null;
  lastModified: string | null;
  lastSuccessAt: Date | null;
  lastFailureAt: Date | null;
  lastError: string | null;
  consecutiveFailures: number;
  /** Releases of the last successful full fetch, for /kernel without a network call. */
  snapshot: Release[] | null;
  snapshotAt: Date | null;
}

interface Row {
  url: string | null;
  etag: string | null;
  last_modified: string | null;
  last_success_at: string | null;
  last_failure_at: string | null;
  last_error: string | null;
  consecutive_failures: number;
  snapshot: string | null;
  snapshot_at: string | null;
}

const date = (value: string | null) => (value ? new Date(value) : null);

/** The one shared feed's cache validators, health and last good contents. */
export class FeedStateRepo {
  constructor(private readonly db: Database) {
    db.prepare('INSERT OR IGNORE INTO feed_state (id) VALUES (1)').run();
  }

  get(): FeedState {
    const row = this.db.prepare('SELECT * FROM feed_state WHERE id = 1').get() as Row;
    return {
      url: row.url,
      etag: row.etag,
      lastModified: row.last_modified,
      lastSuccessAt: date(row.last_success_at),
      lastFailureAt: date(row.last_failure_at),
      lastError: row.last_error,
      consecutiveFailures: row.consecutive_failures,
      snapshot: row.snapshot ? (JSON.parse(row.snapshot) as unknown[]).map(releaseFromJson) : null,
      snapshotAt: date(row.snapshot_at),
    };
  }

  /** A 200 with a usable feed: new validators and snapshot, failures cleared. */
  recordFetched(input: { url: string; etag: string | null; lastModified: string | null; releases: Release[]; at: Date }): void {
    this.db
      .prepare(
        `UPDATE feed_state SET url = ?, etag = ?, last_modified = ?, snapshot = ?, snapshot_at = ?,
           last_success_at = ?, consecutive_failures = 0, last_error = NULL WHERE id = 1`,
      )
      .run(
        input.url,
        input.etag,
        input.lastModified,
        JSON.stringify(input.releases.map(releaseToJson)),
        input.at.toISOString(),
        input.at.toISOString(),
      );
  }

  /** A 304: the snapshot is still current. */
  recordNotModified(at: Date): void {
    this.db
      .prepare('UPDATE feed_state SET last_success_at = ?, consecutive_failures = 0, last_error = NULL WHERE id = 1')
      .run(at.toISOString());
  }

  recordFailure(error: string, at: Date): void {
    this.db
      .prepare(
        `UPDATE feed_state SET last_failure_at = ?, last_error = ?, consecutive_failures = consecutive_failures + 1
         WHERE id = 1`,
      )
      .run(at.toISOString(), error);
  }
}
