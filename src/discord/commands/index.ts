// The command loader: every command module, once. Registration (`npm run register`) and dispatch
// (the bot's interaction router) both read this list, so a command cannot be registered and not
// handled, or handled and not registered.
import type { RESTPostAPIApplicationCommandsJSONBody } from 'discord.js';
import { about } from './about.js';
import { askTheArticle } from './ask-the-article.js';
import { ask } from './ask.js';
import type { Command, CommandSettings } from './command.js';
import { reingest } from './reingest.js';

/** Every command the bot offers, in the order they are registered. */
export const commands: readonly Command[] = [ask, about, reingest, askTheArticle];

/** The registration JSON of every command. */
export function commandDefinitions(settings: CommandSettings, list: readonly Command[] = commands): RESTPostAPIApplicationCommandsJSONBody[] {
  return list.map((command) => command.definition(settings));
}
