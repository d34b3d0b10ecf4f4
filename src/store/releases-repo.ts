import type { Database } from 'better-sqlite3';
import { releaseFromJson, type Release } from '../releases/types.ts';
import { seriesOf } from '../releases/version.ts';

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
  const release = releaseFromJson({ ...row, eol: row.eol === 1, links: JSON.parse(row.links) });
  return { ...release, firstSeen: new Date(row.first_seen) };
}

/** Every release version the bot has ever seen in the feed (kept after it drops out of the feed). */
export class ReleasesRepo {
  constructor(private readonly db: Database) {}

  get(version: string): KnownRelease | undefined {
    const row = this.db.prepare('SELECT * FROM releases WHERE version = ?').get(version) as Row | undefined;
    return row ? fromRow(row) : undefined;
  }

  all(): KnownRelease[] {
    return (this.db.prepare('SELECT * FROM releases').all() as Row[]).map(fromRow);
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM releases').get() as { n: number }).n;
  }

  /** Whether any known release of the series is already marked end of life. */
  seriesIsEol(series: string): boolean {
    return this.all().some((r) => r.eol && seriesOf(r.version) === series);
  }

  /** Inserts a new version or refreshes what may legitimately change (moniker, EOL, links); first_seen stays. */
  upsert(release: Release, seenAt: Date): void {
    this.db
      .prepare(
        `INSERT INTO releases (version, moniker, kind, released, eol, links, first_seen)
         VALUES (@version, @moniker, @kind, @released, @eol, @links, @firstSeen)
         ON CONFLICT (version) DO UPDATE SET
           moniker = excluded.moniker, kind = excluded.kind, released = excluded.released,
           eol = excluded.eol, links = excluded.links`,
      )
      .run({
        version: release.version,
        moniker: release.moniker,
        kind: release.kind,
        released: release.released.toISOString(),
        eol: release.eol ? 1 : 0,
        links: JSON.stringify(release.links),
        firstSeen: seenAt.toISOString(),
      });
  }
}
