// /about: what the bot has read (title, author, source, passages, embedder, build time).
import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import { formatAbout } from '../format-discord.js';
import { plainPayload } from '../reply-payload.js';
import type { SlashCommand } from './command.js';

/** /about: says what the bot has read (title, author, source, passage count, when it was indexed). */
export const about = {
  kind: 'slash',
  name: 'about',
  definition: () =>
    new SlashCommandBuilder()
      .setName('about')
      .setDescription('What the bot has read: title, author, source, passages, when it was indexed.')
      .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
      .toJSON(),
  async execute(interaction, ctx) {
    await interaction.reply(plainPayload(formatAbout(ctx.answers.about())));
  },
} satisfies SlashCommand;
