// Discord API failures the bot expects and survives: a lost race on an interaction is not a crash.
import { DiscordAPIError, RESTJSONErrorCodes } from 'discord.js';

/** "Unknown interaction" (the 3-second window passed) or "already acknowledged" (answered twice). */
export function isInteractionGone(error: unknown): boolean {
  return (
    error instanceof DiscordAPIError &&
    (error.code === RESTJSONErrorCodes.UnknownInteraction || error.code === RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged || error.code === RESTJSONErrorCodes.UnknownWebhook)
  );
}

/** The channel (typically a thread) was deleted while the bot was answering in it. */
export function isChannelGone(error: unknown): boolean {
  return error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.UnknownChannel;
}

/** The bot may not post there (e.g. Send Messages in Threads was taken away). */
export function isMissingPermission(error: unknown): boolean {
  return error instanceof DiscordAPIError && (error.code === RESTJSONErrorCodes.MissingPermissions || error.code === RESTJSONErrorCodes.MissingAccess);
}

/** Log-safe details of an error: code and message, never request bodies or headers. */
export function describeError(error: unknown): Record<string, unknown> {
  if (error instanceof DiscordAPIError) return { discordCode: error.code, status: error.status, message: error.message, method: error.method, url: redactUrl(error.url) };
  if (error instanceof Error) return { name: error.name, message: error.message, stack: error.stack, ...('code' in error ? { code: (error as { code: unknown }).code } : {}) };
  return { value: String(error) };
}

/** Interaction and webhook URLs carry a token: keep the route, hide the token. */
function redactUrl(url: string): string {
  return url.replace(/(\/(?:interactions\/\d+|webhooks\/\d+)\/)[^/?]+/g, '$1[token]');
}
