import type { Logger } from '../logger.ts';
import type { Store } from '../store/store.ts';
import type { ChannelAccess } from '../releases/announcements.ts';
import { MaintainersService } from './maintainers/service.ts';
import { RefsService } from './refs/service.ts';

const MAINTAINERS_REFRESH_MS = 24 * 60 * 60_000;

/**
 * The bot's kernel lookups: MAINTAINERS is read from the database at start, then refreshed from
 * kernel.org right away and once a day (in the background: no answer ever waits for it), and the
 * reference explainer with its cache in the same database.
 */
export async function startKernelLookups(deps: {
  config: { MAINTAINERS_URL: string; KERNEL_GIT_URL: string };
  store: Store;
  logger: Logger;
  access?: ChannelAccess;
  refreshMs?: number;
}): Promise<{ maintainers: MaintainersService; refs: RefsService; stop(): void }> {
  const { config, store, logger } = deps;
  const maintainers = new MaintainersService({ url: config.MAINTAINERS_URL, store: store.maintainers });
  await maintainers.load().catch((error: unknown) => logger.warn({ err: error }, 'could not read the stored MAINTAINERS file'));
  const refresh = () =>
    maintainers.refresh().then(
      (result) => {
        if (result.status === 'error') logger.warn({ url: maintainers.url, problem: result.message }, 'MAINTAINERS refresh failed; answers use the last good copy');
        else logger.info({ url: maintainers.url, ...result }, 'MAINTAINERS checked');
      },
      (error: unknown) => logger.error({ err: error }, 'MAINTAINERS refresh failed'),
    );
  void refresh();
  const timer = setInterval(() => void refresh(), deps.refreshMs ?? MAINTAINERS_REFRESH_MS);
  timer.unref();
  const refs = new RefsService({ gitUrl: config.KERNEL_GIT_URL, cache: store.kernelRefs, channels: store.refChannels, access: deps.access });
  return { maintainers, refs, stop: () => clearInterval(timer) };
}
