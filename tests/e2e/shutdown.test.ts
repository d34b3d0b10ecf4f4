import { afterAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/bot-harness.ts';
import { startFeedServer, type FeedServer } from '../support/feed-server.ts';

/** Stopping the bot (SIGINT/SIGTERM) while kernel.org does not answer: the fetch is aborted, not waited out. */
describe('shutdown during a hanging feed request', () => {
  let h: Harness | undefined;
  let feed: FeedServer | undefined;
  afterAll(async () => {
    await feed?.close();
  });

  it('aborts the in-flight fetch instead of waiting for its 20-second timeout', async () => {
    feed = await startFeedServer({ kind: 'hang' });
    const server = feed;
    h = await startHarness({ env: { KERNEL_FEED_URL: server.url, FEED_SCHEDULE: '0 0 1 1 *' } });
    // The poll made on start is now waiting for an answer that never comes.
    await h.fake.waitFor(() => server.requests.length > 0);
    const polling = h.bot.releases.pollNow();
    await h.stop();
    const report = await polling;
    expect(report.feed).toMatchObject({ status: 'error', reason: 'aborted', message: expect.stringMatching(/shutting down/) });
    // Our own shutdown is not a kernel.org failure: nothing is recorded against the feed.
    expect(h.logs.some((l) => /feed fetch failed/.test(String(l.msg)))).toBe(false);
  }, 60_000);
});
