// Structured logs go to stderr, so that stdout stays clean for answers and `--json`.
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string = 'info', destination: NodeJS.WritableStream = process.stderr): Logger {
  return pino(
    {
      level,
      base: undefined,
      // Belt and braces: the token never reaches a log line, even if an object carrying it is logged.
      redact: { paths: ['token', '*.token', 'config.discord.token', 'discord.token', 'headers.authorization', '*.headers.authorization'], censor: '[redacted]' },
    },
    destination as pino.DestinationStream,
  );
}

/** A logger that drops everything: for tests and quiet commands. */
export const silentLogger: Logger = pino({ level: 'silent' });
