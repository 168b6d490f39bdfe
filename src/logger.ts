// Structured logs go to stderr, so that stdout stays clean for answers and `--json`.
// On a terminal they are pretty-printed for people; piped or in production they stay JSON lines for machines.
import { createRequire } from 'node:module';
import { pino, type Logger } from 'pino';
import type PinoPretty from 'pino-pretty';

/** The pino logger type every part of the app takes as an argument. */
export type { Logger };

const REDACT = {
  // Belt and braces: the token never reaches a log line, even if an object carrying it is logged.
  paths: ['token', '*.token', 'config.discord.token', 'discord.token', 'headers.authorization', '*.headers.authorization'],
  censor: '[redacted]',
};

/**
 * Returns a pino logger at `level` writing to `destination` (default stderr): pretty, coloured lines on a
 * terminal, JSON lines otherwise. Tokens and authorization headers are redacted.
 */
export function createLogger(level: string = 'info', destination: NodeJS.WritableStream = process.stderr): Logger {
  const options = { level, base: undefined, redact: REDACT };
  const isTerminal = (destination as NodeJS.WriteStream).isTTY === true;
  if (isTerminal) {
    // Loaded only for a terminal: thirty modules a piped command or a production bot never needs at start.
    const pretty = createRequire(import.meta.url)('pino-pretty') as typeof PinoPretty;
    return pino(options, pretty({ destination: destination as NodeJS.WriteStream, sync: true, colorize: true, ignore: 'pid,hostname', translateTime: 'HH:MM:ss' }));
  }
  return pino(options, destination as pino.DestinationStream);
}

/** A logger that drops everything: for tests and quiet commands. */
export const silentLogger: Logger = pino({ level: 'silent' });
