// /reingest: rebuild the index from the configured sources or one URL. Manage Server only (or users
// listed in REINGEST_ALLOWED_USERS); the reply is ephemeral, a failure is its one-line message.
import { InteractionContextType, MessageFlags, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import { toUserMessage } from '../../errors.js';
import { describeError } from '../discord-errors.js';
import { formatIngestSummary } from '../format-discord.js';
import { textPayload } from '../reply-payload.js';
import type { SlashCommand } from './command.js';

/**
 * /reingest: rebuilds the index from the configured sources or one URL; Manage Server or REINGEST_ALLOWED_USERS only.
 */
export const reingest = {
  kind: 'slash',
  name: 'reingest',
  definition: () =>
    new SlashCommandBuilder()
      .setName('reingest')
      .setDescription('Rebuild the index from the configured sources or from a URL (Manage Server only).')
      .setContexts(InteractionContextType.Guild)
      // Hidden from members without Manage Server; execute checks again, since admins can override this.
      .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
      .addStringOption((o) => o.setName('url').setDescription('An article URL to index instead of the configured sources').setRequired(false).setMaxLength(2000))
      .toJSON(),
  async execute(interaction, ctx) {
    const allowed =
      interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) === true || ctx.config.discord.reingestAllowedUsers.includes(interaction.user.id);
    if (!allowed) {
      await interaction.reply({ ...textPayload('Only members with the Manage Server permission can re-ingest.'), flags: MessageFlags.Ephemeral });
      return;
    }
    const url = interaction.options.getString('url')?.trim() || undefined;
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    ctx.logger.info({ userId: interaction.user.id, url }, 'reingest requested');
    try {
      const summary = await ctx.reingest(url ? { sources: [url] } : {});
      await interaction.editReply(textPayload(formatIngestSummary(summary)));
    } catch (error) {
      ctx.logger.warn({ err: describeError(error) }, 'reingest failed');
      await interaction.editReply(textPayload(toUserMessage(error)));
    }
  },
} satisfies SlashCommand;
