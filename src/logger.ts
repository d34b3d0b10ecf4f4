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
  return pino(
    {
      level: options.level ?? 'info',
      redact: { paths: ['token', '*.token', 'config.discordToken', 'headers.authorization', '*.headers.authorization'], censor: '[redacted]' },
      ...(token && {
        hooks: {
          logMethod(args, method) {
            const scrubbed = args.map((arg) => (typeof arg === 'string' ? arg.split(token).join('[redacted]') : arg));
            method.apply(this, scrubbed as Parameters<typeof method>);
          },
        },
      }),
    },
    options.destination ?? pino.destination(2),
  );
}

/** A logger that drops everything, for tests and the CLI's JSON mode. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
