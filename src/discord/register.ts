// `npm run register`: publish every command module in src/discord/commands/ (to DISCORD_GUILD_ID if set, else globally).
import { runCommand } from '../cli/run-command.js';
import { loadConfig } from '../config.js';
import { registerCommands } from './register-commands.js';

await runCommand(async () => {
  const result = await registerCommands(loadConfig());
  const where = result.scope === 'global' ? 'globally (new commands can take up to an hour to appear)' : `for server ${result.scope.guildId}`;
  process.stdout.write(`Registered ${result.commands.map((c) => `/${c}`).join(', ')} ${where}.\n`);
  return 0;
});
