import type { Database } from 'better-sqlite3';

/**
 * Schema migrations, applied in order; `PRAGMA user_version` holds how many have run.
 * Append only: never edit or reorder a migration that has shipped, add a new one instead.
 */
export interface Migration {
  name: string;
  up: string | ((db: Database) => void);
}

export const MIGRATIONS: Migration[] = [
  {
    name: 'meta key/value table',
    up: `CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`,
  },
  {
    name: 'release announcements: known releases, feed state, subscriptions, deliveries',
    up: `
      CREATE TABLE releases (
        version    TEXT PRIMARY KEY,
        moniker    TEXT NOT NULL,
        kind       TEXT NOT NULL,
        released   TEXT NOT NULL,          -- ISO 8601
        eol        INTEGER NOT NULL DEFAULT 0,
        links      TEXT NOT NULL,          -- JSON ReleaseLinks
        first_seen TEXT NOT NULL
      );

      -- One row: the shared feed (one fetch per poll for every server).
      CREATE TABLE feed_state (
        id                   INTEGER PRIMARY KEY CHECK (id = 1),
        url                  TEXT,
        etag                 TEXT,
        last_modified        TEXT,
        last_success_at      TEXT,
        last_failure_at      TEXT,
        last_error           TEXT,
        consecutive_failures INTEGER NOT NULL DEFAULT 0,
        snapshot             TEXT,          -- JSON Release[] of the last successful 200
        snapshot_at          TEXT
      );

      CREATE TABLE subscriptions (
        channel_id      TEXT PRIMARY KEY,
        guild_id        TEXT,
        types           TEXT NOT NULL,      -- JSON AnnounceType[]
        role_id         TEXT,
        enabled         INTEGER NOT NULL DEFAULT 1,
        disabled_reason TEXT,
        created_by      TEXT,
        created_at      TEXT NOT NULL,
        updated_at      TEXT NOT NULL
      );
      CREATE INDEX subscriptions_guild ON subscriptions (guild_id);

      CREATE TABLE deliveries (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        channel_id TEXT NOT NULL,
        event_key  TEXT NOT NULL,           -- "release:6.18", "eol:6.17"
        version    TEXT NOT NULL REFERENCES releases (version),
        status     TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
        nonce      TEXT,                    -- set when the message is composed, before the send
        attempts   INTEGER NOT NULL DEFAULT 0,
        message_id TEXT,
        error      TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        sent_at    TEXT,
        UNIQUE (channel_id, event_key)
      );
      CREATE INDEX deliveries_pending ON deliveries (status, channel_id);
    `,
  },
  {
    name: 'Q&A channels: watched channels, answered posts, suggestion cool-downs, knowledge gaps, entry hits',
    up: `
      CREATE TABLE qa_channels (
        channel_id TEXT PRIMARY KEY,
        guild_id   TEXT NOT NULL,
        kind       TEXT NOT NULL CHECK (kind IN ('forum', 'text')),
        added_by   TEXT,
        added_at   TEXT NOT NULL
      );
      CREATE INDEX qa_channels_guild ON qa_channels (guild_id);

      -- One row per forum post the bot looked at: the claim that keeps a post from being answered twice.
      CREATE TABLE qa_posts (
        thread_id  TEXT PRIMARY KEY,
        channel_id TEXT NOT NULL,
        author_id  TEXT,
        status     TEXT NOT NULL CHECK (status IN ('claimed', 'suggested', 'silent', 'solved', 'unhelpful')),
        entry_ids  TEXT NOT NULL DEFAULT '[]',
        message_id TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );

      CREATE TABLE qa_cooldowns (
        channel_id TEXT NOT NULL,
        entry_id   TEXT NOT NULL,
        until      TEXT NOT NULL,
        PRIMARY KEY (channel_id, entry_id)
      );

      -- Questions without a confident answer, by normalised text; never who asked.
      CREATE TABLE knowledge_gaps (
        question   TEXT PRIMARY KEY,
        asked      INTEGER NOT NULL DEFAULT 0,
        unhelpful  INTEGER NOT NULL DEFAULT 0,
        first_at   TEXT NOT NULL,
        last_at    TEXT NOT NULL
      );

      CREATE TABLE entry_hits (
        entry_id TEXT PRIMARY KEY,
        hits     INTEGER NOT NULL DEFAULT 0,
        last_at  TEXT NOT NULL
      );
    `,
  },
];
