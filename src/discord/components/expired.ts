// The one reply to a button whose answer the bot no longer holds (expired, restarted, or a custom_id it
// does not know): short, ephemeral, and saying what to do instead.
import { MessageFlags, type ButtonInteraction } from 'discord.js';
import { textPayload } from '../reply-payload.js';

/** Shown privately when a button's answer is no longer in the answer cache. */
const EXPIRED = 'That answer has expired. Ask again with /ask to get fresh passages.';

/** Tell the clicker, privately, that the answer behind this button is gone. */
export async function replyExpired(interaction: ButtonInteraction): Promise<void> {
  await interaction.reply({ ...textPayload(EXPIRED), flags: MessageFlags.Ephemeral });
}
