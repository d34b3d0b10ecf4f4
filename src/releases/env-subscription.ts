import type { Store } from '../store/store.ts';
import type { Subscription } from '../store/subscriptions-repo.ts';
import { systemClock, type Clock } from '../shared/clock.ts';
import { SNOWFLAKE, parseAnnounceTypes, type AnnounceType } from '../config.ts';
import type { Language } from '../knowledge/schema.ts';

export interface EnvSubscriptionConfig {
  /** ANNOUNCE_CHANNEL_ID */
  channelId?: string | null;
  /** ANNOUNCE_TYPES: a list or the raw "mainline,stable eol" text (empty: defaults, "all": everything) */
  types?: AnnounceType[] | string | null;
  /** ANNOUNCE_ROLE_ID */
  roleId?: string | null;
  /** ANNOUNCE_LANGUAGE; unset: a new subscription posts in English, an existing one keeps its language. */
  lang?: Language | null;
}

/**
 * Subscribes the channel named in the environment (single-server setups). The environment is the
 * source of truth at start-up: it also re-enables a subscription disabled by an earlier 403/404.
 */
export async function applyEnvSubscription(
  store: Store,
  config: EnvSubscriptionConfig,
  clock: Clock = systemClock,
): Promise<{ status: 'none' | 'created' | 'updated' | 'unchanged'; subscription?: Subscription }> {
  const channelId = config.channelId?.trim();
  if (!channelId) return { status: 'none' };
  if (!SNOWFLAKE.test(channelId)) throw new Error(`ANNOUNCE_CHANNEL_ID "${channelId}" is not a Discord channel id`);
  const roleId = config.roleId?.trim() || null;
  if (roleId && !SNOWFLAKE.test(roleId)) throw new Error(`ANNOUNCE_ROLE_ID "${roleId}" is not a Discord role id`);
  const types = Array.isArray(config.types) ? parseAnnounceTypes(config.types.join(',')) : parseAnnounceTypes(config.types);

  const lang = config.lang ?? undefined;
  const before = await store.subscriptions.get(channelId);
  const same = before?.enabled && before.roleId === roleId && (lang === undefined || before.lang === lang) && before.types.length === types.length && types.every((t) => before.types.includes(t));
  if (before && same) return { status: 'unchanged', subscription: before };
  const subscription = await store.subscriptions.upsert({ channelId, types, roleId, lang, createdBy: 'env' }, clock.now());
  return { status: before ? 'updated' : 'created', subscription };
}

/**
 * ANNOUNCE_ROLE_ID set to the server's own id names its @everyone role, which the bot never pings
 * ("<@&server id>" would only show a stray "@@everyone"). Known once the bot sees the channel's
 * server: the subscription then announces without a role. True when it dropped the role.
 */
export async function dropEveryoneRole(store: Store, channelId: string, guildId: string, clock: Clock = systemClock): Promise<boolean> {
  const subscription = await store.subscriptions.get(channelId);
  if (subscription?.roleId !== guildId) return false;
  await store.subscriptions.upsert({ channelId, guildId, types: subscription.types, roleId: null, lang: subscription.lang, createdBy: subscription.createdBy }, clock.now());
  return true;
}
