import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * What /metrics exposes: prom-client's default process metrics plus the bot's own. Values that
 * live elsewhere (gateway ping, pending outbox, last feed success) are read when scraped.
 */
export class BotMetrics {
  readonly registry = new Registry();
  readonly interactions = new Counter({
    name: 'kernelbot_interactions_total',
    help: 'Interactions handled, by type (slash, autocomplete, button, select, menu), command and outcome (ok, error)',
    labelNames: ['type', 'command', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly answerLatency = new Histogram({
    name: 'kernelbot_answer_latency_seconds',
    help: 'Time from receiving an interaction to having answered it',
    labelNames: ['type'] as const,
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5],
    registers: [this.registry],
  });
  readonly answers = new Counter({
    name: 'kernelbot_answers_total',
    help: 'Questions by result (answer, suggest, declined) and language',
    labelNames: ['result', 'lang'] as const,
    registers: [this.registry],
  });
  readonly restResponses = new Counter({
    name: 'kernelbot_discord_rest_responses_total',
    help: 'Discord REST responses by HTTP status',
    labelNames: ['status'] as const,
    registers: [this.registry],
  });
  readonly rateLimits = new Counter({
    name: 'kernelbot_discord_rate_limits_total',
    help: 'Discord REST rate limits hit, by scope (global, shared, user)',
    labelNames: ['scope'] as const,
    registers: [this.registry],
  });
  readonly feedFetches = new Counter({
    name: 'kernelbot_feed_fetches_total',
    help: 'kernel.org feed polls by result (updated, baseline, not-modified, error, skipped)',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });
  readonly releasesDetected = new Counter({
    name: 'kernelbot_releases_detected_total',
    help: 'New release events (releases and end-of-life notices) detected in the feed',
    registers: [this.registry],
  });
  readonly deliveries = new Counter({
    name: 'kernelbot_deliveries_total',
    help: 'Announcement deliveries (one per channel and event) by status (sent, failed, deferred)',
    labelNames: ['status'] as const,
    registers: [this.registry],
  });
  readonly deliveryLag = new Histogram({
    name: 'kernelbot_delivery_lag_seconds',
    help: 'Time from a release being detected (queued) to its post in a channel',
    buckets: [1, 5, 15, 30, 60, 120, 300, 900, 3600, 21600],
    registers: [this.registry],
  });

  constructor(
    readers: {
      gatewayPingMs?: () => number | null;
      pendingOutbox?: () => Promise<number>;
      lastFeedSuccess?: () => Promise<Date | null>;
      /** The process's gateway role (active, standby, starting, stopping). */
      role?: () => string;
    } = {},
    /** Whether /metrics is served: only then are the process metrics collected (their event-loop and GC observers cost memory and CPU). */
    served = true,
  ) {
    if (served) collectDefaultMetrics({ register: this.registry, prefix: 'kernelbot_' });
    new Gauge({
      name: 'kernelbot_gateway_ping_seconds',
      help: 'Discord gateway heartbeat round trip (absent while not connected)',
      registers: [this.registry],
      collect() {
        const ms = readers.gatewayPingMs?.();
        if (ms !== null && ms !== undefined && ms >= 0) this.set(ms / 1000);
      },
    });
    new Gauge({
      name: 'kernelbot_gateway_role',
      help: 'Gateway role of this process: 1 for the current one (active: logged in; standby: another process holds the gateway lease)',
      labelNames: ['role'],
      registers: [this.registry],
      collect() {
        if (!readers.role) return;
        const current = readers.role();
        for (const role of ['active', 'standby', 'starting', 'stopping']) this.set({ role }, role === current ? 1 : 0);
      },
    });
    new Gauge({
      name: 'kernelbot_outbox_pending',
      help: 'Announcement deliveries waiting to be sent (all processes)',
      registers: [this.registry],
      async collect() {
        if (readers.pendingOutbox) this.set(await readers.pendingOutbox().catch(() => NaN));
      },
    });
    new Gauge({
      name: 'kernelbot_feed_last_success_timestamp_seconds',
      help: 'Unix time of the last successful kernel.org feed fetch (200 or 304)',
      registers: [this.registry],
      async collect() {
        const at = await readers.lastFeedSuccess?.().catch(() => null);
        if (at) this.set(at.getTime() / 1000);
      },
    });
  }

  /** Answer, suggestion ("did you mean") or declined, as the search decided. */
  countAnswer(outcome: { answered: boolean; suggestions: unknown[] }, lang: string): void {
    this.answers.inc({ result: outcome.answered ? 'answer' : outcome.suggestions.length ? 'suggest' : 'declined', lang });
  }
}
