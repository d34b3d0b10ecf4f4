import type { CommandServices } from '../../commands/command.ts';
import type { Logger } from '../logger.ts';
import { openStore, type StoreSettings } from '../store/store.ts';
import { AnnouncementService } from '../releases/announcements.ts';
import { systemClock } from '../shared/clock.ts';
import { MaintainersService, memoryMaintainersStore } from '../kernel/maintainers/service.ts';

/**
 * Terminal mode reads the same database as the bot (for /kernel) but never posts to Discord.
 * A database that cannot be opened only costs the commands that need it.
 */
export async function terminalServices(settings: StoreSettings & { MAINTAINERS_URL?: string }, logger: Logger): Promise<{ services: Partial<CommandServices>; close(): Promise<void> }> {
  // MAINTAINERS comes from the database the bot keeps it in; with none stored, the first /maintainers fetches it once.
  let maintainers = new MaintainersService({ url: settings.MAINTAINERS_URL, store: memoryMaintainersStore(), fetchOnDemand: true });
  try {
    const store = await openStore(settings, { poolSize: 2 });
    maintainers = new MaintainersService({ url: settings.MAINTAINERS_URL, store: store.maintainers, fetchOnDemand: true });
    const offline = { ok: false as const, problem: 'terminal mode does not post to Discord' };
    const announcements = new AnnouncementService({
      store,
      clock: systemClock,
      sender: { plan: (items) => [items], send: async () => ({ ok: false, kind: 'retry', status: 0, reason: offline.problem }) },
      access: { check: async () => offline },
    });
    return { services: { announcements, maintainers }, close: () => store.close() };
  } catch (error) {
    logger.warn({ err: error, database: settings.DATABASE_URL ? 'DATABASE_URL' : settings.DATABASE_PATH }, 'database unavailable; /kernel is disabled in this session');
    return { services: { maintainers }, close: async () => undefined };
  }
}
