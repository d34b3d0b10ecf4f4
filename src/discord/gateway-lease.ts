import type { Logger } from '../logger.ts';
import type { LeasesRepo } from '../store/leases-repo.ts';

/** The lease whose holder runs the Discord gateway (one shard, several processes on one Postgres). */
export const GATEWAY_LEASE = 'gateway';

/** How often a standby asks for the lease: a released lease (SIGTERM) is taken over within this. */
const STANDBY_POLL_MS = 1_000;

export type GatewayRole = 'active' | 'standby';

export interface GatewayLeaseOptions {
  leases: Pick<LeasesRepo, 'acquire' | 'release'>;
  holder: string;
  leaseMs: number;
  logger: Logger;
  /** Logs in to the gateway; resolves when ready, rejects when the login fails. */
  connect(): Promise<void>;
  /** Logs out of the gateway (the process keeps running as a standby). */
  disconnect(): Promise<void>;
  onRole(role: GatewayRole): void;
  now?: () => number;
}

/**
 * One gateway connection for the whole bot: the process holding the `gateway` lease is logged in,
 * the others stand by and ask for the lease every second. The holder renews it every third of the
 * lease and logs out as soon as it cannot show it still holds it: when another process took it,
 * or when renewals failed (database away) for long enough that the lease may have run out.
 * So two processes are never both logged in for longer than one renewal round.
 */
export class GatewayLease {
  private role: GatewayRole = 'standby';
  private heldUntil = 0;
  private timer: NodeJS.Timeout | null = null;
  private tick: Promise<void> = Promise.resolve();
  private stopped = false;
  /** The login in progress, if any; renewals go on meanwhile (a login can outlast the lease). */
  private login: Promise<void> | null = null;
  private readonly now: () => number;

  constructor(private readonly options: GatewayLeaseOptions) {
    this.now = options.now ?? Date.now;
  }

  get current(): GatewayRole {
    return this.role;
  }

  /** Takes the lease and logs in if it is free (a login failure here throws: a start-up problem); else stands by. */
  async start(): Promise<GatewayRole> {
    if (!(await this.renew())) {
      this.setRole('standby');
      this.schedule();
      return this.role;
    }
    const login = this.connect();
    this.schedule();
    await login.catch((error: unknown) => {
      this.stopped = true;
      if (this.timer) clearTimeout(this.timer);
      throw error;
    });
    return this.role;
  }

  /** Stops renewing, logs out and hands the lease back, so a standby takes over at once. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.tick;
    await this.login?.catch(() => undefined);
    if (this.role === 'active') await this.options.disconnect();
    await this.options.leases.release(GATEWAY_LEASE, this.options.holder).catch(() => false);
  }

  private schedule(): void {
    if (this.stopped) return;
    const delay = this.role === 'active' || this.login ? Math.max(250, this.options.leaseMs / 3) : STANDBY_POLL_MS;
    this.timer = setTimeout(() => {
      this.tick = this.step().finally(() => this.schedule());
    }, delay);
    this.timer.unref();
  }

  private async step(): Promise<void> {
    const { logger } = this.options;
    const started = this.now();
    let held: boolean | null;
    try {
      held = await this.renew();
    } catch (error) {
      held = null;
      if (this.role === 'active') logger.warn({ err: error }, 'could not renew the gateway lease (database unavailable)');
    }
    if (this.stopped || this.login) return;
    if (this.role === 'active') {
      // Out of time to prove the lease is ours: another process may already be logging in.
      const expiring = held === null && started >= this.heldUntil - this.options.leaseMs / 3;
      if (held === false || expiring) {
        logger.warn({ reason: held === false ? 'another process holds the gateway lease' : 'lease renewal failed' }, 'gateway lease lost; logging out and standing by');
        await this.options.disconnect().catch((error: unknown) => logger.error({ err: error }, 'logging out of the gateway failed'));
        this.setRole('standby');
      }
    } else if (held) {
      logger.info('gateway lease taken over; logging in');
      this.connect().catch((error: unknown) => logger.error({ err: error }, 'gateway login failed; standing by and retrying'));
    }
  }

  /** True when this process holds the lease now (renewed until now + lease). */
  private async renew(): Promise<boolean> {
    const now = this.now();
    const held = await this.options.leases.acquire(GATEWAY_LEASE, this.options.holder, new Date(now), new Date(now + this.options.leaseMs));
    if (held) this.heldUntil = now + this.options.leaseMs;
    return held;
  }

  /** Logs in while the renewals go on; a failed login hands the lease back and rejects. */
  private connect(): Promise<void> {
    this.login = (async () => {
      try {
        await this.options.connect();
        this.setRole('active');
      } catch (error) {
        await this.options.leases.release(GATEWAY_LEASE, this.options.holder).catch(() => false);
        this.setRole('standby');
        throw error;
      } finally {
        this.login = null;
      }
    })();
    return this.login;
  }

  private setRole(role: GatewayRole): void {
    if (role === this.role && role === 'active') return;
    this.role = role;
    this.options.onRole(role);
  }
}
