// The shape of a command module, as in the discord.js bot template: the command's definition (built
// with discord.js's builders) beside its handler, so everything about one command sits in one file.
// The loader (./index.ts) collects the modules for `npm run register` and for dispatch.
import type {
  AutocompleteInteraction,
  ChatInputCommandInteraction,
  MessageContextMenuCommandInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
  RESTPostAPIContextMenuApplicationCommandsJSONBody,
} from 'discord.js';
import type { BotContext } from '../bot-context.js';

/** What a definition may depend on: settings that change the registered JSON. */
export interface CommandSettings {
  /** Longest question accepted, in characters (becomes the option's max_length). */
  questionMaxLength: number;
}

/** A slash command (`/name`), optionally with autocomplete on its options. */
export interface SlashCommand {
  kind: 'slash';
  name: string;
  /** The JSON Discord's registration route takes. */
  definition(settings: CommandSettings): RESTPostAPIChatInputApplicationCommandsJSONBody;
  /** Answers the command; must acknowledge within Discord's 3 seconds (reply or defer). */
  execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void>;
  /** Answers an autocomplete request with choices (cannot be deferred: 3 seconds). */
  autocomplete?(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void>;
}

/** A message context-menu command (Apps > name, on a message). */
export interface MessageMenuCommand {
  kind: 'message';
  name: string;
  definition(settings: CommandSettings): RESTPostAPIContextMenuApplicationCommandsJSONBody;
  execute(interaction: MessageContextMenuCommandInteraction, ctx: BotContext): Promise<void>;
}

/** Any application command the bot registers and routes: a slash command or a message menu command. */
export type Command = SlashCommand | MessageMenuCommand;
