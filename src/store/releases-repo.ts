import { releaseFromJson, type Release } from '../shared/release.ts';
import { sql, first, rows, toNumber, type Executor } from './sql.ts';

export interface KnownRelease extends Release {
  firstSeen: Date;
}

interface Row {
  version: string;
  moniker: string;
  kind: string;
  released: string;
  eol: number;
  links: string;
  first_seen: string;
}

function fromRow(row: Row): KnownRelease {
  const release = releaseFromJson({ ...row, eol: row.eol === 1, links: JSON.parse(row.links) as unknown });
  return { ...release, firstSeen: new Date(row.first_seen) };
}

/** Every release version the bot has ever seen in the feed (kept after it drops out of the feed). */
export class ReleasesRepo {
  constructor(private readonly db: Executor) {}

  async get(version: string): Promise<KnownRelease | undefined> {
    const row = await first(this.db, sql<Row>`SELECT * FROM releases WHERE version = ${version}`);
    return row ? fromRow(row) : undefined;
  }

  async all(): Promise<KnownRelease[]> {
    return (await rows(this.db, sql<Row>`SELECT * FROM releases`)).map(fromRow);
  }

  async count(): Promise<number> {
    return toNumber((await first(this.db, sql<{ n: number | string }>`SELECT count(*) AS n FROM releases`))!.n);
  }

  /** Inserts a new version or refreshes what may legitimately change (moniker, EOL, links); first_seen stays. */
  async upsert(release: Release, seenAt: Date): Promise<void> {
    await sql`
      INSERT INTO releases (version, moniker, kind, released, eol, links, first_seen)
      VALUES (${release.version}, ${release.moniker}, ${release.kind}, ${release.released.toISOString()},
              ${release.eol ? 1 : 0}, ${JSON.stringify(release.links)}, ${seenAt.toISOString()})
      ON CONFLICT (version) DO UPDATE SET
        moniker = excluded.moniker, kind = excluded.kind, released = excluded.released,
        eol = excluded.eol, links = excluded.links`.execute(this.db);
  }
}
