import { sql, changes, first, toNumber, type Executor } from './sql.ts';

export interface Lease {
  holder: string;
  until: Date;
}

/**
 * Named leases (the feed poll, the gateway): one holder at a time until the lease runs out, so a
 * process that dies without releasing is replaced after at most one lease period.
 */
export class LeasesRepo {
  constructor(private readonly db: Executor) {}

  /** Takes the lease if it is free or ran out, or renews it for its holder; true when `holder` holds it now. */
  async acquire(name: string, holder: string, now: Date, until: Date): Promise<boolean> {
    return (
      (await changes(
        this.db,
        sql`INSERT INTO leases (name, holder, until) VALUES (${name}, ${holder}, ${until.toISOString()})
            ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, until = excluded.until
            WHERE leases.holder = excluded.holder OR leases.until <= ${now.toISOString()}`,
      )) > 0
    );
  }

  /** Gives the lease up at once (graceful shutdown), if `holder` still holds it. */
  async release(name: string, holder: string): Promise<boolean> {
    return (await changes(this.db, sql`DELETE FROM leases WHERE name = ${name} AND holder = ${holder}`)) > 0;
  }

  /** How many leases whose name starts with `prefix` are held now (e.g. the live outbox heartbeats). */
  async countLive(prefix: string, now: Date): Promise<number> {
    const row = await first(this.db, sql<{ n: number | string }>`SELECT count(*) AS n FROM leases WHERE name LIKE ${`${prefix}%`} AND until > ${now.toISOString()}`);
    return toNumber(row!.n);
  }

  async get(name: string): Promise<Lease | undefined> {
    const row = await first(this.db, sql<{ holder: string; until: string }>`SELECT holder, until FROM leases WHERE name = ${name}`);
    return row && { holder: row.holder, until: new Date(row.until) };
  }
}

/**
 * The repeat slot of an answer (the same entry posted at most once per channel in a short window):
 * taken by one atomic insert, so two processes cannot both post it.
 */
export class AnswerSlotsRepo {
  constructor(private readonly db: Executor) {}

  /** True for the one caller that takes the free (or run-out) slot. */
  async take(channelId: string, entryId: string, now: Date, until: Date, url: string | null): Promise<boolean> {
    return (
      (await changes(
        this.db,
        sql`INSERT INTO answer_slots (channel_id, entry_id, until, url) VALUES (${channelId}, ${entryId}, ${until.toISOString()}, ${url})
            ON CONFLICT (channel_id, entry_id) DO UPDATE SET until = excluded.until, url = excluded.url
            WHERE answer_slots.until <= ${now.toISOString()}`,
      )) > 0
    );
  }

  /** Where the earlier answer is while its slot lasts (null when the slot is free or has no link yet). */
  async find(channelId: string, entryId: string, now: Date): Promise<string | null> {
    const row = await first(this.db, sql<{ url: string | null }>`SELECT url FROM answer_slots WHERE channel_id = ${channelId} AND entry_id = ${entryId} AND until > ${now.toISOString()}`);
    return row?.url ?? null;
  }

  /** Records the posted answer's link in the slot. */
  async setUrl(channelId: string, entryId: string, url: string): Promise<void> {
    await sql`UPDATE answer_slots SET url = ${url} WHERE channel_id = ${channelId} AND entry_id = ${entryId}`.execute(this.db);
  }

  /** Frees a slot whose answer could not be posted, so the next ask is not refused. */
  async release(channelId: string, entryId: string): Promise<void> {
    await sql`DELETE FROM answer_slots WHERE channel_id = ${channelId} AND entry_id = ${entryId}`.execute(this.db);
  }
}
