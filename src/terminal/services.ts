import type { CommandServices } from '../../commands/command.ts';
import { openStore, type StoreSettings } from '../store/store.ts';
import { AnnouncementService } from '../releases/announcements.ts';
import { systemClock } from '../shared/clock.ts';
import { MaintainersService, memoryMaintainersStore } from '../kernel/maintainers/service.ts';
import { OnDemandKernelReleases } from './kernel-feed.ts';

/**
 * Terminal mode reads the same database as the bot but never posts to Discord. /kernel and
 * /maintainers fetch from kernel.org once on demand; a database that cannot be opened only costs
 * the bot's stored copies.
 */
export async function terminalServices(
  settings: StoreSettings & { MAINTAINERS_URL?: string; KERNEL_FEED_URL: string },
  /** One plain line for the person at the terminal (a JSON log line with a stack trace helps nobody there). */
  warn: (message: string) => void,
): Promise<{ services: Partial<CommandServices>; close: () => Promise<void> }> {
  // MAINTAINERS comes from the database the bot keeps it in; with none stored, the first /maintainers fetches it once.
  let maintainers = new MaintainersService({ url: settings.MAINTAINERS_URL, store: memoryMaintainersStore(), fetchOnDemand: true });
  try {
    const store = await openStore(settings, { poolSize: 2 });
    maintainers = new MaintainersService({ url: settings.MAINTAINERS_URL, store: store.maintainers, fetchOnDemand: true });
    const announcements = new AnnouncementService({
      store,
      clock: systemClock,
      sender: { plan: (items) => [items], send: async () => ({ ok: false, kind: 'retry', status: 0, reason: 'terminal mode does not post to Discord' }) },
      access: { check: async () => ({ ok: false, problem: { kind: 'offline' } }) },
    });
    const kernelReleases = new OnDemandKernelReleases({ url: settings.KERNEL_FEED_URL, stored: () => announcements.current() });
    return { services: { announcements, maintainers, kernelReleases }, close: () => store.close() };
  } catch (error) {
    warn(`${error instanceof Error ? error.message : String(error)}; answering without the bot's stored data (/kernel and /maintainers fetch from kernel.org)`);
    return { services: { maintainers, kernelReleases: new OnDemandKernelReleases({ url: settings.KERNEL_FEED_URL }) }, close: async () => undefined };
  }
}
