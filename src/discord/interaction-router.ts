// Dispatch of interactions to the command and component modules (replacing an if-chain per command),
// and the one place an interaction's failure is turned into a short reply. Lookup tables are built once
// from the loaders' lists; a duplicate name or prefix is a programming error caught at start.
import { MessageFlags, type Interaction } from 'discord.js';
import { toUserMessage } from '../errors.js';
import type { BotContext } from './bot-context.js';
import type { Command, MessageMenuCommand, SlashCommand } from './commands/command.js';
import type { ButtonComponent } from './components/component.js';
import { replyExpired } from './components/expired.js';
import { describeError, isInteractionGone } from './discord-errors.js';
import { textPayload } from './reply-payload.js';

/** Routes one interaction to its command or button handler; never throws (see createInteractionRouter). */
export type InteractionRouter = (interaction: Interaction, ctx: BotContext) => Promise<void>;

const UNKNOWN_COMMAND = 'Unknown command: run npm run register to update the commands.';

/**
 * Build the dispatcher over the given modules. The returned function never throws: failures are
 * logged and, when the interaction can still be answered, shown to the user as one ephemeral line.
 * @throws Error at build time when two commands share a name or two components a prefix.
 */
export function createInteractionRouter(commands: readonly Command[], components: readonly ButtonComponent[]): InteractionRouter {
  const slash = new Map<string, SlashCommand>();
  const menus = new Map<string, MessageMenuCommand>();
  for (const command of commands) {
    const table: Map<string, Command> = command.kind === 'slash' ? slash : menus;
    if (table.has(command.name)) throw new Error(`two ${command.kind} commands are named ${command.name}`);
    table.set(command.name, command);
  }
  const buttons = new Map<string, ButtonComponent>();
  for (const component of components) {
    if (buttons.has(component.prefix)) throw new Error(`two components use the custom_id prefix ${component.prefix}`);
    buttons.set(component.prefix, component);
  }

  const dispatch = async (interaction: Interaction, ctx: BotContext): Promise<void> => {
    if (interaction.isChatInputCommand()) {
      const command = slash.get(interaction.commandName);
      if (command) return command.execute(interaction, ctx);
      await interaction.reply({ ...textPayload(UNKNOWN_COMMAND), flags: MessageFlags.Ephemeral });
    } else if (interaction.isMessageContextMenuCommand()) {
      const command = menus.get(interaction.commandName);
      if (command) return command.execute(interaction, ctx);
      await interaction.reply({ ...textPayload(UNKNOWN_COMMAND), flags: MessageFlags.Ephemeral });
    } else if (interaction.isAutocomplete()) {
      const command = slash.get(interaction.commandName);
      // An empty list is a valid answer, and better than letting the member's client time out.
      if (command?.autocomplete) return command.autocomplete(interaction, ctx);
      await interaction.respond([]);
    } else if (interaction.isButton()) {
      const component = buttons.get(interaction.customId.split(':')[0] ?? '');
      if (component) return component.execute(interaction, ctx);
      await replyExpired(interaction);
    }
  };

  return async (interaction, ctx) => {
    try {
      await dispatch(interaction, ctx);
    } catch (error) {
      await reportFailure(interaction, error, ctx);
    }
  };
}

async function reportFailure(interaction: Interaction, error: unknown, ctx: BotContext): Promise<void> {
  if (isInteractionGone(error)) {
    ctx.logger.warn({ err: describeError(error), interactionId: interaction.id }, 'interaction expired or already answered');
    return;
  }
  ctx.logger.error({ err: describeError(error), interactionId: interaction.id }, 'interaction failed');
  if (!interaction.isRepliable()) return;
  try {
    const payload = { ...textPayload(toUserMessage(error)), flags: MessageFlags.Ephemeral } as const;
    if (interaction.deferred || interaction.replied) await interaction.followUp(payload);
    else await interaction.reply(payload);
  } catch (replyError) {
    ctx.logger.warn({ err: describeError(replyError) }, 'could not tell the user about a failure');
  }
}
