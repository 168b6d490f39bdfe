// The settings every in-process bot test (and bench/reingest-load.ts) starts from: the bot pointed at
// the loopback emulator with a store of its own and no cooldown, so a burst of questions is not
// throttled. One place, so a setting the bot comes to need is added once.
import path from 'node:path';
import { loadConfig, type Config } from '../../src/config.js';
import type { DiscordEmulator } from './emulator.js';

/** What emulatorConfig needs besides the emulator. */
export interface EmulatorConfigOptions {
  /** The run's own folder: the store is `<dir>/store`. */
  dir: string;
  /** Where relative settings (SOURCES) are resolved; `dir` by default. */
  cwd?: string;
  /** More settings, or overrides of the shared ones. */
  env?: Record<string, string>;
}

/**
 * The bot's config pointed at `emulator` (token, API URL), with its store under `options.dir`, no
 * cooldown, no .env file read, plus `options.env`. Returns the parsed Config; throws what loadConfig
 * throws for a bad setting.
 */
export function emulatorConfig(emulator: DiscordEmulator, options: EmulatorConfigOptions): Config {
  return loadConfig({
    cwd: options.cwd ?? options.dir,
    envFile: false,
    env: {
      DISCORD_TOKEN: emulator.token,
      DISCORD_API_URL: emulator.apiUrl,
      STORE_DIR: path.join(options.dir, 'store'),
      COOLDOWN_SECONDS: '0',
      ...options.env,
    },
  });
}
