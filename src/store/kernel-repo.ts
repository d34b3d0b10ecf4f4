import { sql, changes, first, rows, type Executor } from './sql.ts';
import type { MaintainersStore, StoredMaintainers } from '../kernel/maintainers/service.ts';
import type { CachedRef, RefChannels, RefsCache, RefView } from '../kernel/refs/service.ts';

/** The MAINTAINERS file (one row), the kernel.org reference cache and the channels that opted in. */

type MaintainersRow = { url: string; text: string; etag: string | null; last_modified: string | null; fetched_at: string };

export class MaintainersRepo implements MaintainersStore {
  constructor(private readonly db: Executor) {}

  async load(): Promise<StoredMaintainers | null> {
    const row = await first(this.db, sql<MaintainersRow>`SELECT url, text, etag, last_modified, fetched_at FROM maintainers_file WHERE id = 1`);
    return row ? { url: row.url, text: row.text, etag: row.etag, lastModified: row.last_modified, fetchedAt: new Date(row.fetched_at) } : null;
  }

  async save(file: StoredMaintainers): Promise<void> {
    const at = file.fetchedAt.toISOString();
    await sql`
      INSERT INTO maintainers_file (id, url, text, etag, last_modified, fetched_at, checked_at, last_error)
      VALUES (1, ${file.url}, ${file.text}, ${file.etag}, ${file.lastModified}, ${at}, ${at}, NULL)
      ON CONFLICT (id) DO UPDATE SET url = excluded.url, text = excluded.text, etag = excluded.etag, last_modified = excluded.last_modified,
        fetched_at = excluded.fetched_at, checked_at = excluded.checked_at, last_error = NULL`.execute(this.db);
  }

  async noteCheck(checkedAt: Date, error: string | null): Promise<void> {
    await sql`UPDATE maintainers_file SET checked_at = ${checkedAt.toISOString()}, last_error = ${error} WHERE id = 1`.execute(this.db);
  }
}

/** `found` is 0/1; some drivers return integers as strings, hence Number() below. */
type RefRow = { found: number | string; data: string | null; fetched_at: string };

export class KernelRefsRepo implements RefsCache {
  constructor(private readonly db: Executor) {}

  async get(key: string): Promise<CachedRef | null> {
    const row = await first(this.db, sql<RefRow>`SELECT found, data, fetched_at FROM kernel_refs WHERE key = ${key}`);
    return row ? { found: Number(row.found) === 1, view: row.data ? (JSON.parse(row.data) as RefView) : null, fetchedAt: new Date(row.fetched_at) } : null;
  }

  async put(key: string, entry: CachedRef): Promise<void> {
    await sql`
      INSERT INTO kernel_refs (key, found, data, fetched_at) VALUES (${key}, ${entry.found ? 1 : 0}, ${entry.view ? JSON.stringify(entry.view) : null}, ${entry.fetchedAt.toISOString()})
      ON CONFLICT (key) DO UPDATE SET found = excluded.found, data = excluded.data, fetched_at = excluded.fetched_at`.execute(this.db);
  }
}

export class RefChannelsRepo implements RefChannels {
  constructor(private readonly db: Executor) {}

  async isEnabled(channelId: string): Promise<boolean> {
    return (await first(this.db, sql`SELECT 1 AS one FROM ref_channels WHERE channel_id = ${channelId}`)) !== undefined;
  }

  async enable(channel: { channelId: string; guildId: string }, by: string | null): Promise<void> {
    await sql`
      INSERT INTO ref_channels (channel_id, guild_id, enabled_by, enabled_at) VALUES (${channel.channelId}, ${channel.guildId}, ${by}, ${new Date().toISOString()})
      ON CONFLICT (channel_id) DO NOTHING`.execute(this.db);
  }

  async disable(channelId: string): Promise<boolean> {
    return (await changes(this.db, sql`DELETE FROM ref_channels WHERE channel_id = ${channelId}`)) > 0;
  }

  async channelsOf(guildId: string): Promise<string[]> {
    return (await rows(this.db, sql<{ channel_id: string }>`SELECT channel_id FROM ref_channels WHERE guild_id = ${guildId} ORDER BY enabled_at`)).map((r) => r.channel_id);
  }
}
