import { releaseFromJson, releaseToJson, type Release } from '../shared/release.ts';
import { sql, first, type Executor } from './sql.ts';

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

/** The one shared feed's cache validators, health and last good contents (its row is created by the migration). */
export class FeedStateRepo {
  constructor(private readonly db: Executor) {}

  async get(): Promise<FeedState> {
    const row = await first(this.db, sql<Row>`SELECT * FROM feed_state WHERE id = 1`);
    if (!row) throw new Error('feed_state row missing: the database was not migrated by this bot');
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
  async recordFetched(input: { url: string; etag: string | null; lastModified: string | null; releases: Release[]; at: Date }): Promise<void> {
    const at = input.at.toISOString();
    await sql`
      UPDATE feed_state SET url = ${input.url}, etag = ${input.etag}, last_modified = ${input.lastModified},
        snapshot = ${JSON.stringify(input.releases.map(releaseToJson))}, snapshot_at = ${at},
        last_success_at = ${at}, consecutive_failures = 0, last_error = NULL
      WHERE id = 1`.execute(this.db);
  }

  /** A 304: the snapshot is still current. */
  async recordNotModified(at: Date): Promise<void> {
    await sql`UPDATE feed_state SET last_success_at = ${at.toISOString()}, consecutive_failures = 0, last_error = NULL WHERE id = 1`.execute(this.db);
  }

  async recordFailure(error: string, at: Date): Promise<void> {
    await sql`
      UPDATE feed_state SET last_failure_at = ${at.toISOString()}, last_error = ${error},
        consecutive_failures = consecutive_failures + 1
      WHERE id = 1`.execute(this.db);
  }
}
