import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyEnvSubscription } from '../../src/releases/env-subscription.ts';
import { DEFAULT_ANNOUNCE_TYPES, parseAnnounceTypes } from '../../src/config.ts';
import { createHarness } from './harness.ts';

let h: Awaited<ReturnType<typeof createHarness>>;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.cleanup());

const CHANNEL = '123456789012345678';

describe('applyEnvSubscription', () => {
  it('does nothing without ANNOUNCE_CHANNEL_ID', async () => {
    expect(await applyEnvSubscription(h.boot().store, {}, h.clock)).toEqual({ status: 'none' });
  });

  it('subscribes the channel with the default types, then reports unchanged', async () => {
    const { store } = h.boot();
    expect(await applyEnvSubscription(store, { channelId: CHANNEL }, h.clock)).toMatchObject({
      status: 'created',
      subscription: { channelId: CHANNEL, types: DEFAULT_ANNOUNCE_TYPES, roleId: null, enabled: true, createdBy: 'env' },
    });
    expect((await applyEnvSubscription(store, { channelId: CHANNEL, types: '' }, h.clock)).status).toBe('unchanged');
  });

  it('updates types and role, and re-enables a subscription a 403 disabled', async () => {
    const { store } = h.boot();
    await applyEnvSubscription(store, { channelId: CHANNEL }, h.clock);
    await store.subscriptions.disable(CHANNEL, '403 Missing Access', h.clock.now());
    const result = await applyEnvSubscription(store, { channelId: CHANNEL, types: 'mainline eol', roleId: '223456789012345678' }, h.clock);
    expect(result).toMatchObject({ status: 'updated', subscription: { types: ['mainline', 'eol'], roleId: '223456789012345678', enabled: true, disabledReason: null } });
  });

  it('sets the language when ANNOUNCE_LANGUAGE names one, and keeps the one /announce set chose when it does not', async () => {
    const { store } = h.boot();
    expect((await applyEnvSubscription(store, { channelId: CHANNEL }, h.clock)).subscription).toMatchObject({ lang: 'en' });
    expect(await applyEnvSubscription(store, { channelId: CHANNEL, lang: 'de' }, h.clock)).toMatchObject({ status: 'updated', subscription: { lang: 'de' } });
    expect((await applyEnvSubscription(store, { channelId: CHANNEL, lang: 'de' }, h.clock)).status).toBe('unchanged');
    await store.subscriptions.upsert({ channelId: CHANNEL, types: [...DEFAULT_ANNOUNCE_TYPES], lang: 'en' }, h.clock.now());
    expect(await applyEnvSubscription(store, { channelId: CHANNEL }, h.clock)).toMatchObject({ status: 'unchanged', subscription: { lang: 'en' } });
  });

  it('rejects ids and types that cannot be right', async () => {
    const { store } = h.boot();
    await expect(applyEnvSubscription(store, { channelId: '#general' }, h.clock)).rejects.toThrow(/not a Discord channel id/);
    await expect(applyEnvSubscription(store, { channelId: CHANNEL, types: 'mainline,lts' }, h.clock)).rejects.toThrow(/unknown type\(s\) lts/);
  });
});

describe('parseAnnounceTypes', () => {
  it('accepts lists, all, and falls back to the defaults', async () => {
    expect(parseAnnounceTypes('stable, longterm')).toEqual(['stable', 'longterm']);
    expect(parseAnnounceTypes('all')).toContain('linux-next');
    expect(parseAnnounceTypes(undefined)).toEqual(DEFAULT_ANNOUNCE_TYPES);
  });
});
