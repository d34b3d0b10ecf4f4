import { pino, type Logger, type DestinationStream } from 'pino';

export type { Logger };

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * Structured JSON logs. Anything that might carry the bot token is redacted by path, and the
 * token value itself is scrubbed from messages in case a library error quotes it.
 */
export function createLogger(options: { level?: LogLevel; token?: string; destination?: DestinationStream } = {}): Logger {
  const token = options.token;
  const scrub = (text: string) => redactWebhookTokens(token ? text.split(token).join('[redacted]') : text);
  return pino(
    {
      level: options.level ?? 'info',
      redact: { paths: ['token', '*.token', 'config.discordToken', 'headers.authorization', '*.headers.authorization'], censor: '[redacted]' },
      // A failed interaction or webhook request carries its URL (err.url), and that URL holds a token.
      serializers: { err: (error: unknown) => scrubStrings(pino.stdSerializers.err(error as Error), scrub) },
      hooks: {
        logMethod(args, method) {
          const scrubbed = args.map((arg) => (typeof arg === 'string' ? scrub(arg) : arg));
          method.apply(this, scrubbed as Parameters<typeof method>);
        },
      },
    },
    options.destination ?? pino.destination(2),
  );
}

/** Interaction and webhook URLs (…/interactions/<id>/<token>/…, …/webhooks/<id>/<token>) with the token cut out. */
function redactWebhookTokens(text: string): string {
  return text.replace(/\/(interactions|webhooks)\/(\d+)\/[^/\s?"']+/g, '/$1/$2/[redacted]');
}

function scrubStrings<T>(value: T, scrub: (text: string) => string, depth = 0): T {
  if (typeof value === 'string') return scrub(value) as T;
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return (value as unknown[]).map((v) => scrubStrings(v, scrub, depth + 1)) as T;
  // fromEntries defines own properties: a "__proto__" key from a payload stays data.
  return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, scrubStrings(v, scrub, depth + 1)])) as T;
}

/** A logger that drops everything, for tests and the CLI's JSON mode. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
