import type { Database } from 'better-sqlite3';
import { DeliveriesRepo } from './deliveries-repo.ts';
import { FeedStateRepo } from './feed-state-repo.ts';
import { MetaRepo } from './meta.ts';
import { ReleasesRepo } from './releases-repo.ts';
import { SubscriptionsRepo } from './subscriptions-repo.ts';
import { QaRepo } from './qa-repo.ts';

/** The repositories over one database, passed to services as their store port. */
export interface Store {
  db: Database;
  meta: MetaRepo;
  releases: ReleasesRepo;
  feedState: FeedStateRepo;
  subscriptions: SubscriptionsRepo;
  deliveries: DeliveriesRepo;
  qa: QaRepo;
  /** Runs fn in one SQLite transaction (nested calls become savepoints). */
  transaction<T>(fn: () => T): T;
}

export function createStore(db: Database): Store {
  return {
    db,
    meta: new MetaRepo(db),
    releases: new ReleasesRepo(db),
    feedState: new FeedStateRepo(db),
    subscriptions: new SubscriptionsRepo(db),
    deliveries: new DeliveriesRepo(db),
    qa: new QaRepo(db),
    transaction: (fn) => db.transaction(fn)(),
  };
}
