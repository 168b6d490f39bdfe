// The shape of a component module: one kind of button under the bot's messages. The custom_id's first
// ":"-separated field names the module (see ../custom-ids.ts); the loader (./index.ts) dispatches on it.
import type { ButtonInteraction } from 'discord.js';
import type { BotContext } from '../bot-context.js';

/** A button handler, routed by the first field of the button's custom_id. */
export interface ButtonComponent {
  /** The custom_id's first field, e.g. "more" for "more:<answerId>:<offset>". */
  prefix: string;
  /** Answers the click within Discord's 3 seconds (reply, update or defer). */
  execute(interaction: ButtonInteraction, ctx: BotContext): Promise<void>;
}
