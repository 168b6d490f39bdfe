// Registers the slash commands: for one server when a guild id is given (instant), else globally.
import { DiscordAPIError, REST, Routes, type APIApplication } from 'discord.js';
import { requireDiscordToken, type Config } from '../config.js';
import { AppError } from '../errors.js';
import { commandDefinitions } from './commands/index.js';

/** What registerCommands published: for which application, to one server or globally, and the command names. */
export interface RegisterResult {
  applicationId: string;
  scope: { guildId: string } | 'global';
  commands: string[];
}

/**
 * Publish every command module's definition: to DISCORD_GUILD_ID when set (instant), else globally.
 * Returns where and what was registered.
 * @throws AppError('CONFIG_INVALID') without a token, AppError('DISCORD_LOGIN_FAILED') when Discord refuses.
 */
export async function registerCommands(config: Config): Promise<RegisterResult> {
  const token = requireDiscordToken(config);
  const rest = new REST(config.discord.apiUrl ? { api: config.discord.apiUrl } : {}).setToken(token);
  const commands = commandDefinitions({ questionMaxLength: config.questionMaxLength });
  try {
    const applicationId = config.discord.clientId ?? ((await rest.get(Routes.currentApplication())) as APIApplication).id;
    const guildId = config.discord.guildId;
    const route = guildId ? Routes.applicationGuildCommands(applicationId, guildId) : Routes.applicationCommands(applicationId);
    await rest.put(route, { body: commands });
    return { applicationId, scope: guildId ? { guildId } : 'global', commands: commands.map((c) => c.name) };
  } catch (error) {
    if (error instanceof DiscordAPIError && error.status === 401) {
      throw new AppError('DISCORD_LOGIN_FAILED', 'Discord rejected the token (401): check DISCORD_TOKEN in .env.', { cause: error });
    }
    if (error instanceof DiscordAPIError) {
      throw new AppError('DISCORD_LOGIN_FAILED', `Discord refused the commands (${error.status} ${error.code}: ${error.message}). Check DISCORD_CLIENT_ID and DISCORD_GUILD_ID.`, { cause: error });
    }
    throw error;
  }
}
