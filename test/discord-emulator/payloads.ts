// Discord API object shapes (v10) as the gateway and REST send them: just the fields discord.js reads.

/* eslint-disable @typescript-eslint/no-explicit-any */

const DISCORD_EPOCH = 1_420_070_400_000n;
let increment = 0n;

/** A unique snowflake id whose timestamp is now (discord.js derives createdAt from it). */
export function snowflake(): string {
  increment = (increment + 1n) & 0xfffn;
  return (((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) | increment).toString();
}

export interface EmulatedUser {
  id: string;
  username: string;
  bot?: boolean;
}

export function userObject(user: EmulatedUser): any {
  return {
    id: user.id,
    username: user.username,
    global_name: user.bot ? null : user.username,
    discriminator: '0',
    avatar: null,
    bot: user.bot ?? false,
    system: false,
    public_flags: 0,
    flags: 0,
  };
}

export function memberObject(user: EmulatedUser, joinedAt: string, permissions?: string): any {
  return {
    user: userObject(user),
    nick: null,
    avatar: null,
    roles: [],
    joined_at: joinedAt,
    premium_since: null,
    deaf: false,
    mute: false,
    flags: 0,
    pending: false,
    communication_disabled_until: null,
    ...(permissions !== undefined ? { permissions } : {}),
  };
}

export function guildTextChannel(id: string, guildId: string, name: string): any {
  return { id, type: 0, guild_id: guildId, name, position: 0, permission_overwrites: [], nsfw: false, parent_id: null, topic: null, last_message_id: null, rate_limit_per_user: 0, flags: 0 };
}

/** A public thread (type 11) started from a message: Discord gives it the message's id. */
export function threadChannel(fields: { id: string; guildId: string; parentId: string; ownerId: string; name: string; autoArchiveMinutes: number; memberUserId?: string; joinedAt?: string }): any {
  return {
    id: fields.id,
    type: 11,
    guild_id: fields.guildId,
    parent_id: fields.parentId,
    owner_id: fields.ownerId,
    name: fields.name,
    last_message_id: null,
    rate_limit_per_user: 0,
    message_count: 0,
    member_count: 1,
    flags: 0,
    total_message_sent: 0,
    thread_metadata: { archived: false, auto_archive_duration: fields.autoArchiveMinutes, archive_timestamp: new Date().toISOString(), locked: false, create_timestamp: new Date().toISOString() },
    ...(fields.memberUserId ? { member: { id: fields.id, user_id: fields.memberUserId, join_timestamp: fields.joinedAt ?? new Date().toISOString(), flags: 0 } } : {}),
  };
}

export function dmChannel(id: string, recipient: EmulatedUser): any {
  return { id, type: 1, last_message_id: null, flags: 0, recipients: [userObject(recipient)] };
}

export interface EmulatedGuild {
  id: string;
  name: string;
  ownerId: string;
  channelIds: string[];
}

export function guildCreate(guild: EmulatedGuild, members: EmulatedUser[], joinedAt: string): any {
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    owner_id: guild.ownerId,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    // @everyone: view, send, read history.
    roles: [{ id: guild.id, name: '@everyone', color: 0, colors: { primary_color: 0, secondary_color: null, tertiary_color: null }, hoist: false, icon: null, unicode_emoji: null, position: 0, permissions: String((1n << 10n) | (1n << 11n) | (1n << 16n)), managed: false, mentionable: false, flags: 0 }],
    emojis: [],
    features: [],
    mfa_level: 0,
    application_id: null,
    system_channel_id: null,
    system_channel_flags: 0,
    rules_channel_id: null,
    max_members: 500_000,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: 0,
    premium_subscription_count: 0,
    preferred_locale: 'en-US',
    public_updates_channel_id: null,
    nsfw_level: 0,
    premium_progress_bar_enabled: false,
    safety_alerts_channel_id: null,
    stickers: [],
    joined_at: joinedAt,
    large: false,
    unavailable: false,
    member_count: members.length,
    voice_states: [],
    members: members.map((m) => memberObject(m, joinedAt)),
    channels: guild.channelIds.map((id, i) => guildTextChannel(id, guild.id, i === 0 ? 'general' : `channel-${i}`)),
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

export function messageObject(fields: {
  id: string;
  channelId: string;
  guildId?: string;
  author: EmulatedUser;
  body: any;
  timestamp: string;
  applicationId?: string;
  interactionId?: string;
  webhookId?: string;
}): any {
  const body = fields.body ?? {};
  return {
    id: fields.id,
    channel_id: fields.channelId,
    ...(fields.guildId ? { guild_id: fields.guildId } : {}),
    author: userObject(fields.author),
    content: typeof body.content === 'string' ? body.content : '',
    timestamp: fields.timestamp,
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: Array.isArray(body.embeds) ? body.embeds : [],
    components: Array.isArray(body.components) ? body.components : [],
    pinned: false,
    type: body.message_reference ? 19 : 0,
    flags: typeof body.flags === 'number' ? body.flags : 0,
    ...(body.message_reference ? { message_reference: { type: 0, ...body.message_reference, channel_id: fields.channelId } } : {}),
    ...(fields.webhookId ? { webhook_id: fields.webhookId } : {}),
    ...(fields.applicationId ? { application_id: fields.applicationId } : {}),
  };
}
