import type { Logger } from '../logger.ts';
import type { Store } from '../store/store.ts';
import type { ChannelAccess } from '../releases/announcements.ts';
import { MaintainersService } from './maintainers/service.ts';
import { RefsService } from './refs/service.ts';

const MAINTAINERS_REFRESH_MS = 24 * 60 * 60_000;
/** After a failed refresh: 5 minutes, 15, an hour, then every 4 hours until one succeeds. */
export const MAINTAINERS_RETRY_MS = [5, 15, 60, 240].map((minutes) => minutes * 60_000);

/**
 * The bot's kernel lookups: MAINTAINERS is read from the database at start, then refreshed from
 * kernel.org right away and once a day (in the background: no answer ever waits for it), sooner
 * after a failure, and the reference explainer with its cache in the same database.
 */
export async function startKernelLookups(deps: {
  config: { MAINTAINERS_URL: string; KERNEL_GIT_URL: string };
  store: Store;
  logger: Logger;
  access?: ChannelAccess;
  refreshMs?: number;
  retryMs?: readonly number[];
}): Promise<{ maintainers: MaintainersService; refs: RefsService; stop(): void }> {
  const { config, store, logger } = deps;
  const maintainers = new MaintainersService({ url: config.MAINTAINERS_URL, store: store.maintainers });
  await maintainers.load().catch((error: unknown) => logger.warn({ err: error }, 'could not read the stored MAINTAINERS file'));
  const refreshMs = deps.refreshMs ?? MAINTAINERS_REFRESH_MS;
  const retryMs = deps.retryMs ?? MAINTAINERS_RETRY_MS;
  let failures = 0;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const refresh = async (): Promise<void> => {
    try {
      const result = await maintainers.refresh();
      if (result.status === 'error') {
        failures++;
        logger.warn({ url: maintainers.url, problem: result.message }, 'MAINTAINERS refresh failed; answers use the last good copy');
      } else {
        failures = 0;
        logger.info({ url: maintainers.url, ...result }, 'MAINTAINERS checked');
      }
    } catch (error) {
      failures++;
      logger.error({ err: error }, 'MAINTAINERS refresh failed');
    }
    if (stopped) return;
    const delay = failures === 0 ? refreshMs : Math.min(retryMs[Math.min(failures, retryMs.length) - 1]!, refreshMs);
    logger.debug({ inMs: delay }, 'next MAINTAINERS refresh');
    timer = setTimeout(() => void refresh(), delay);
    timer.unref();
  };
  void refresh();
  const refs = new RefsService({ gitUrl: config.KERNEL_GIT_URL, cache: store.kernelRefs, channels: store.refChannels, access: deps.access });
  return {
    maintainers,
    refs,
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
