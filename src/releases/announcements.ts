import type { Store } from '../store/store.ts';
import type { Subscription } from '../store/subscriptions-repo.ts';
import type { Clock } from '../shared/clock.ts';
import type { KnowledgeLookup, MessageSender } from './ports.ts';
import type { AnnounceType } from '../config.ts';
import { announceStatus, type AnnounceStatus } from './status.ts';
import { currentReleases, type KernelReleases } from './current.ts';
import type { CurrentReleases } from '../shared/release.ts';
import { SAMPLE_RELEASE } from './sample.ts';
import type { ChannelProblem, ChannelWarning } from '../i18n/problems.ts';
import type { Language } from '../knowledge/schema.ts';

/** Can the bot post announcements in a channel? The Discord adapter answers from cached permissions. */
export interface ChannelAccess {
  /** `warning`: posting works, but something will not (e.g. the role cannot be pinged). */
  check(channelId: string, needs: { roleId: string | null }): Promise<{ ok: true; warning?: ChannelWarning } | { ok: false; problem: ChannelProblem }>;
}

/**
 * What the /announce and /kernel commands need, behind one small service: subscriptions with a
 * permission check first, status per channel, the test post, and the last fetched releases.
 */
export class AnnouncementService implements KernelReleases {
  constructor(
    private readonly deps: {
      store: Store;
      sender: MessageSender;
      access: ChannelAccess;
      clock: Clock;
      knowledge?: KnowledgeLookup;
      /** When the schedule fetches kernel.org next (after any back-off); null when it is not running. */
      nextFetchAt?: () => Date | null;
    },
  ) {}

  async subscribe(input: {
    guildId: string;
    channelId: string;
    types: AnnounceType[];
    roleId: string | null;
    /** The language of the channel's posts. */
    lang: Language;
    createdBy: string | null;
  }): Promise<{ ok: true; subscription: Subscription; warning?: ChannelWarning } | { ok: false; problem: ChannelProblem }> {
    const access = await this.deps.access.check(input.channelId, { roleId: input.roleId });
    if (!access.ok) return access;
    return { ok: true, subscription: await this.deps.store.subscriptions.upsert(input, this.deps.clock.now()), warning: access.warning };
  }

  /** Stops one channel, or every channel of the guild when none is given; returns the channels stopped. */
  async unsubscribe(guildId: string, channelId: string | null): Promise<string[]> {
    const targets = (await this.deps.store.subscriptions.listByGuild(guildId)).filter((s) => channelId === null || s.channelId === channelId);
    for (const subscription of targets) await this.deps.store.subscriptions.remove(subscription.channelId);
    return targets.map((s) => s.channelId);
  }

  async status(guildId: string): Promise<AnnounceStatus[]> {
    const subscriptions = await this.deps.store.subscriptions.listByGuild(guildId);
    return Promise.all(subscriptions.map((s) => announceStatus(this.deps.store, s.channelId, this.deps.clock)));
  }

  /** The sample post, in `lang`; not recorded as a delivery, so it never blocks a real announcement. */
  async sendSample(channelId: string, roleId: string | null, lang: Language): Promise<{ ok: true } | { ok: false; problem: ChannelProblem }> {
    const access = await this.deps.access.check(channelId, { roleId: null });
    if (!access.ok) return access;
    const { knowledge } = this.deps;
    const item = { type: 'release' as const, release: SAMPLE_RELEASE, ...(knowledge ? { knowledge: knowledge.forVersion(SAMPLE_RELEASE.version) } : {}) };
    const post = { items: [item], roleId, lang, sample: true };
    const result = await this.deps.sender.send(channelId, post);
    return result.ok ? { ok: true } : { ok: false, problem: { kind: 'discord', status: result.status, reason: result.reason } };
  }

  nextFetchAt(): Date | null {
    return this.deps.nextFetchAt?.() ?? null;
  }

  current(): Promise<CurrentReleases | null> {
    return currentReleases(this.deps.store, this.deps.clock);
  }

  async releases(): Promise<{ current: CurrentReleases | null }> {
    return { current: await this.current() };
  }
}
