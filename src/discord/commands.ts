// The slash commands, as the JSON Discord's registration route takes.
import { InteractionContextType, PermissionFlagsBits, SlashCommandBuilder, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';

export function buildCommands(questionMaxLength: number): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return [
    new SlashCommandBuilder()
      .setName('ask')
      .setDescription('Ask a question about the article; the answer quotes it.')
      .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
      .addStringOption((o) => o.setName('question').setDescription('Your question').setRequired(true).setMaxLength(Math.min(questionMaxLength, 6000)))
      .toJSON(),
    new SlashCommandBuilder()
      .setName('about')
      .setDescription('What the bot has read: title, author, source, passages, when it was indexed.')
      .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
      .toJSON(),
    new SlashCommandBuilder()
      .setName('reingest')
      .setDescription('Rebuild the index from the configured sources or from a URL (Manage Server only).')
      .setContexts(InteractionContextType.Guild)
      // Hidden from members without Manage Server; the handler checks again, since admins can override this.
      .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
      .addStringOption((o) => o.setName('url').setDescription('An article URL to index instead of the configured sources').setRequired(false).setMaxLength(2000))
      .toJSON(),
  ];
}
