import type { RESTPostAPIChannelMessageJSONBody as MessageBody } from 'discord-api-types/v10';
import type { ChannelPoster } from '../../src/discord/announcement-ports.ts';
import type { SendResult } from '../../src/releases/ports.ts';

export interface Post {
  channelId: string;
  body: MessageBody;
  messageId: string;
}

/**
 * In-memory Discord channel-message endpoint: records posts, honours nonce + enforce_nonce like
 * Discord (a repeated nonce returns the first message, no new post), and can be scripted to fail or die.
 */
export class FakeSender implements ChannelPoster {
  readonly posts: Post[] = [];
  readonly calls: { channelId: string; body: MessageBody }[] = [];
  private readonly scripted = new Map<string, SendResult[]>();
  private readonly byNonce = new Map<string, string>();
  private death: { afterCalls: number; mode: 'before-send' | 'after-send' | 'hang' } | null = null;
  private nextId = 1000;

  /** The next sends to this channel answer with these results, in turn. */
  fail(channelId: string, ...results: SendResult[]): this {
    this.scripted.set(channelId, [...(this.scripted.get(channelId) ?? []), ...results]);
    return this;
  }

  /**
   * Simulates the process dying during call number afterCalls + 1: before the request left,
   * after Discord created the message (but before the result was recorded), or hanging forever.
   * Every later call dies too.
   */
  dieAfter(afterCalls: number, mode: 'before-send' | 'after-send' | 'hang'): this {
    this.death = { afterCalls, mode };
    return this;
  }

  /** A new process gets a working connection to the same Discord (which remembers its nonces). */
  revive(): this {
    this.death = null;
    return this;
  }

  async send(channelId: string, body: MessageBody): Promise<SendResult> {
    this.calls.push({ channelId, body: structuredClone(body) });
    if (this.death && this.calls.length > this.death.afterCalls) {
      const first = this.calls.length === this.death.afterCalls + 1;
      if (first && this.death.mode === 'after-send') this.create(channelId, body);
      if (this.death.mode === 'hang') return new Promise<SendResult>(() => undefined);
      throw new Error('process killed');
    }
    const scripted = this.scripted.get(channelId)?.shift();
    if (scripted) return scripted;
    return { ok: true, messageId: this.create(channelId, body) };
  }

  private create(channelId: string, body: MessageBody): string {
    const nonce = typeof body.nonce === 'string' ? body.nonce : undefined;
    if (nonce && body.enforce_nonce && this.byNonce.has(nonce)) return this.byNonce.get(nonce)!;
    const messageId = String(this.nextId++);
    if (nonce) this.byNonce.set(nonce, messageId);
    this.posts.push({ channelId, body: structuredClone(body), messageId });
    return messageId;
  }

  /** Discord's nonce memory lasts minutes: after a long outage a resend is a new message. */
  forgetNonces(): this {
    this.byNonce.clear();
    return this;
  }

  postsTo(channelId: string): Post[] {
    return this.posts.filter((p) => p.channelId === channelId);
  }

  /** Event titles per post, to compare announcements without the whole payload. */
  titles(channelId: string): string[][] {
    return this.postsTo(channelId).map((p) => (p.body.embeds ?? []).map((e) => e.title ?? ''));
  }
}

export const rateLimited = (retryAfterMs: number): SendResult => ({
  ok: false,
  kind: 'rate-limited',
  status: 429,
  reason: 'You are being rate limited.',
  retryAfterMs,
});
export const serverError: SendResult = { ok: false, kind: 'retry', status: 500, reason: 'Internal Server Error' };
export const forbidden: SendResult = { ok: false, kind: 'forbidden', status: 403, reason: 'Missing Access' };
export const unknownChannel: SendResult = { ok: false, kind: 'gone', status: 404, reason: 'Unknown Channel' };

/** A sender that can also look back at the channel for an earlier post, as the Discord adapter does. */
export class LookBackSender extends FakeSender {
  readonly lookups: string[] = [];

  async findPosted(channelId: string, bodies: MessageBody[]): Promise<string | null> {
    this.lookups.push(channelId);
    const key = (body: MessageBody) => `${body.content ?? ''}\n\n${(body.embeds ?? []).map((e) => e.title ?? '').join('\n')}`;
    const wanted = new Set(bodies.map(key));
    const same = this.postsTo(channelId).find((p) => wanted.has(key(p.body)));
    return same?.messageId ?? null;
  }
}
