import type { Database } from 'better-sqlite3';
import { openDatabase } from './database.ts';
import { DeliveriesRepo } from './deliveries-repo.ts';
import { FeedStateRepo } from './feed-state-repo.ts';
import { AnswerSlotsRepo, LeasesRepo } from './leases-repo.ts';
import { MetaRepo } from './meta.ts';
import { QaRepo } from './qa-repo.ts';
import { ReleasesRepo } from './releases-repo.ts';
import { sql, type Dialect, type Executor } from './sql.ts';
import { SqliteExecutor } from './sqlite-executor.ts';
import { SubscriptionsRepo } from './subscriptions-repo.ts';
import type { Migration } from './migrations.ts';
import { KernelRefsRepo, MaintainersRepo, RefChannelsRepo } from './kernel-repo.ts';

/** The repositories over one database (SQLite or Postgres), passed to services as their store port. */
export interface Store {
  dialect: Dialect;
  /** Where the data lives, without secrets: a file path or a redacted URL. */
  location: string;
  meta: MetaRepo;
  releases: ReleasesRepo;
  feedState: FeedStateRepo;
  subscriptions: SubscriptionsRepo;
  deliveries: DeliveriesRepo;
  qa: QaRepo;
  leases: LeasesRepo;
  answerSlots: AnswerSlotsRepo;
  maintainers: MaintainersRepo;
  kernelRefs: KernelRefsRepo;
  refChannels: RefChannelsRepo;
  /** Runs fn with a store bound to one transaction: all of it commits or none. Nested calls join the outer one. */
  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T>;
  /** Resolves when the database answers a trivial query. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

function repositories(db: Executor, dialect: Dialect) {
  return {
    meta: new MetaRepo(db),
    releases: new ReleasesRepo(db),
    feedState: new FeedStateRepo(db),
    subscriptions: new SubscriptionsRepo(db),
    deliveries: new DeliveriesRepo(db, dialect === 'postgres'),
    qa: new QaRepo(db),
    leases: new LeasesRepo(db),
    answerSlots: new AnswerSlotsRepo(db),
    maintainers: new MaintainersRepo(db),
    kernelRefs: new KernelRefsRepo(db),
    refChannels: new RefChannelsRepo(db),
  };
}

function storeOver(db: Executor, location: string, close: () => Promise<void>): Store {
  const store: Store = {
    dialect: db.dialect,
    location,
    ...repositories(db, db.dialect),
    transaction: (fn) => db.transaction((tx) => fn(tx === db ? store : storeOver(tx, location, close))),
    ping: async () => {
      await db.query(sql`SELECT 1`);
    },
    close,
  };
  return store;
}

/** A store over an open SQLite connection (already migrated by openDatabase); closing the store closes it. */
export function createStore(database: Database): Store {
  return storeOver(new SqliteExecutor(database), database.name, async () => {
    if (database.open) database.close();
  });
}

export interface StoreSettings {
  DATABASE_URL?: string;
  DATABASE_PATH: string;
}

/**
 * Opens and migrates the configured database: Postgres when DATABASE_URL is set, else the SQLite
 * file at DATABASE_PATH (the default, no server needed; the Postgres client is not even loaded).
 */
export async function openStore(settings: StoreSettings, options: { migrations?: Migration[]; poolSize?: number; onConnectionError?: (error: Error) => void } = {}): Promise<Store> {
  if (!settings.DATABASE_URL) return createStore(openDatabase(settings.DATABASE_PATH, options.migrations));
  const { openPostgres } = await import('./postgres.ts');
  const postgres = await openPostgres(settings.DATABASE_URL, options);
  return storeOver(postgres.executor, postgres.location, () => postgres.close());
}
