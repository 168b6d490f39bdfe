// How many shards, and which of them this machine runs. DISCORD_SHARDS=auto asks Discord (GET
// /gateway/bot, through DISCORD_API_URL when set, so the emulator can answer) rather than discord.js's
// fetchRecommendedShardCount, which always asks discord.com.
import { REST, Routes } from 'discord.js';
import type { Config } from '../config.js';
import { AppError } from '../errors.js';

/** Which gateway shards this process runs, out of totalShards in all. */
export interface ShardPlan {
  totalShards: number;
  /** The ids this process runs, ascending. */
  shardList: number[];
}

/**
 * Resolve the sharding settings into a plan. Returns the total and this machine's ids; throws
 * AppError('DISCORD_LOGIN_FAILED') with one line when Discord refuses the token or cannot be reached
 * (auto only), and CONFIG_INVALID when Discord's recommendation leaves no room for DISCORD_SHARD_LIST.
 */
export async function resolveShardPlan(config: Config, token: string): Promise<ShardPlan> {
  const { sharding, apiUrl } = config.discord;
  let total: number;
  if (sharding.totalShards === 'auto') {
    const rest = new REST({ version: '10', ...(apiUrl ? { api: apiUrl } : {}) }).setToken(token);
    let recommended: unknown;
    try {
      recommended = ((await rest.get(Routes.gatewayBot())) as { shards?: unknown }).shards;
    } catch (error) {
      const status = (error as { status?: number }).status;
      if (status === 401) throw new AppError('DISCORD_LOGIN_FAILED', 'Discord rejected the token (401): check DISCORD_TOKEN in .env (Developer Portal > your app > Bot > Reset Token).', { cause: error });
      throw new AppError('DISCORD_LOGIN_FAILED', `Could not ask Discord for a shard count at ${apiUrl ?? 'https://discord.com/api'}: ${(error as Error).message.split('\n')[0]}. Check the network and DISCORD_API_URL, or set DISCORD_SHARDS to a number.`, { cause: error });
    }
    total = typeof recommended === 'number' && Number.isInteger(recommended) && recommended > 0 ? recommended : 1;
  } else {
    total = sharding.totalShards;
  }
  const shardList = sharding.shardList ?? Array.from({ length: total }, (_, i) => i);
  return { totalShards: total, shardList: [...shardList].sort((a, b) => a - b) };
}
