// A small Discord-compatible server for end-to-end tests: REST under /api/v10 and a JSON gateway, on
// 127.0.0.1 with a random port. It speaks just enough for the real discord.js client to log in, receive
// messages and interactions, and reply, and it enforces Discord's rules (3-second acknowledgement,
// single acknowledgement, message and embed limits, token checks) so a misbehaving bot fails its test.
// Conversations: member replies (message_reference + referenced_message), threads started from a
// message (with the Missing Permissions error when the bot may not), messages in threads, message
// context-menu commands and autocomplete (at most 25 choices of up to 100 characters, within 3 s).

/* eslint-disable @typescript-eslint/no-explicit-any */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { pingsOf, validateMessageBody, type Ping } from './limits.js';
import { dmChannel, guildCreate, guildTextChannel, memberObject, messageObject, snowflake, threadChannel, userObject, type EmulatedGuild, type EmulatedUser } from './payloads.js';

export interface EmulatorOptions {
  /** The token the bot must present; anything else is 401 on REST and close 4004 on IDENTIFY. */
  token?: string;
  /** Discord's acknowledgement deadline; tests keep the real 3 s. */
  ackDeadlineMs?: number;
  heartbeatIntervalMs?: number;
  /** Whether the app may use the privileged Message Content intent (Developer Portal switch); default true. */
  messageContentIntent?: boolean;
  /** What GET /gateway/bot recommends as the shard count (default 1). */
  recommendedShards?: number;
}

export interface RecordedRequest {
  method: string;
  /** Path after /api/v10, percent-decoded, without the query. */
  path: string;
  /** The path with ids and tokens replaced by placeholders, e.g. POST /interactions/:id/:token/callback. */
  route: string;
  query: Record<string, string>;
  body: any;
  status: number;
  /** Whether the request carried the right bot token (interaction and webhook routes need none). */
  authorized: boolean;
  at: number;
}

export interface StoredMessage {
  id: string;
  channelId: string;
  guildId?: string;
  authorId: string;
  content: string;
  embeds: any[];
  components: any[];
  flags: number;
  replyTo?: string;
  /** The interaction this message answers, for interaction responses. */
  interactionId?: string;
  raw: any;
}

export interface InteractionResponse {
  kind: 'callback' | 'edit-original' | 'delete-original' | 'followup';
  /** For callbacks: 4 reply, 5 deferred reply, 6 deferred update, 7 update message. */
  callbackType?: number;
  body: any;
  message?: StoredMessage;
  at: number;
}

export interface Acknowledgement {
  type: number;
  /** From the emulator dispatching INTERACTION_CREATE to receiving the callback. */
  latencyMs: number;
}

export interface InteractionHandle {
  id: string;
  token: string;
  sentAt: number;
  responses: InteractionResponse[];
  acknowledged: Promise<Acknowledgement>;
  /** The first response with something to show: reply, update, edit of the deferred reply, or follow-up. */
  reply(timeoutMs?: number): Promise<InteractionResponse>;
  waitFor(predicate: (r: InteractionResponse) => boolean, timeoutMs?: number, what?: string): Promise<InteractionResponse>;
}

export interface MessageHandle {
  id: string;
  channelId: string;
  /** The bot's message that replies to this one (message_reference). */
  reply(timeoutMs?: number): Promise<StoredMessage>;
}

export interface SendInteractionOptions {
  user?: EmulatedUser;
  /** Member permissions in the guild, as Discord's decimal bitfield string; ignored in DMs. */
  memberPermissions?: string;
  /** A DM instead of the guild's channel. */
  dm?: boolean;
  /** A thread (by id) instead of the guild's channel. */
  channelId?: string;
  /** Another guild made with addGuild (its first channel) instead of the default guild. */
  guild?: EmulatedGuild;
}

export interface SendMessageOptions {
  user?: EmulatedUser;
  dm?: boolean;
  mentionBot?: boolean;
  /** Post in this thread instead of the guild's channel. */
  channelId?: string;
  /** Discord's reply: the message this one answers (message_reference, referenced_message). */
  replyTo?: StoredMessage;
  /** Whether the reply pings its target (Discord's default; the member can switch it off). */
  pingReply?: boolean;
}

export interface EmulatedThread {
  id: string;
  parentId: string;
  /** The message the thread was started from (same id as the thread, as on Discord). */
  messageId: string;
  name: string;
  ownerId: string;
  autoArchiveMinutes: number;
  deleted: boolean;
}

export interface AutocompleteChoice {
  name: string;
  value: string | number;
}

interface InteractionState {
  id: string;
  token: string;
  sentAt: number;
  ackedAt?: number;
  ackType?: number;
  channelId: string;
  guildId?: string;
  responses: InteractionResponse[];
  listeners: Set<(r: InteractionResponse) => void>;
  resolveAck: (ack: Acknowledgement) => void;
  rejectAck: (error: Error) => void;
  originalId?: string;
  payload: any;
}

interface Connection {
  socket: WebSocket;
  identified: boolean;
  seq: number;
  /** [shard id, shard count] from IDENTIFY; [0, 1] for an unsharded client. */
  shard: [number, number];
}

/** Discord's rule: a guild's events go to shard (guild_id >> 22) % shard count. */
export function shardOfGuild(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

const TOKEN_LIFETIME_MS = 15 * 60_000;
const PERMISSION_MANAGE_GUILD = 1n << 5n;
const PERMISSION_CREATE_PUBLIC_THREADS = 1n << 35n;
const PERMISSION_SEND_MESSAGES_IN_THREADS = 1n << 38n;
const AUTOCOMPLETE_MAX_CHOICES = 25;
const AUTOCOMPLETE_MAX_CHARS = 100;
const DEFAULT_WAIT_MS = 15_000;

export class DiscordEmulator {
  readonly token: string;
  readonly bot: EmulatedUser;
  readonly applicationId: string;
  readonly guild: EmulatedGuild;
  readonly channelId: string;
  /** An ordinary member, the default author of messages and interactions. */
  readonly member: EmulatedUser;
  /** Every REST request, in arrival order. */
  readonly requests: RecordedRequest[] = [];
  /** Every notification a bot message would have caused; a safe bot leaves this empty. */
  readonly pings: (Ping & { route: string })[] = [];
  /** Commands registered globally and per guild. */
  readonly commands = { global: [] as any[], guild: new Map<string, any[]>() };
  /** IDENTIFY payloads (token removed). */
  readonly identifies: any[] = [];
  readonly messages = new Map<string, StoredMessage>();
  /** Threads started on messages (kept after deletion, flagged). */
  readonly threads = new Map<string, EmulatedThread>();
  /** What the bot may do in the guild's channel; tests switch these off to see the bot's refusal path. */
  readonly botPermissions = { createPublicThreads: true, sendMessagesInThreads: true };

  private readonly server: Server;
  private readonly wss: WebSocketServer;
  private readonly connections = new Set<Connection>();
  private readonly interactions = new Map<string, InteractionState>();
  private readonly users = new Map<string, EmulatedUser>();
  private readonly dmChannels = new Map<string, { channelId: string; userId: string }>();
  private readonly messageListeners = new Set<(m: StoredMessage) => void>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly ackDeadlineMs: number;
  private readonly heartbeatIntervalMs: number;
  private readonly messageContentIntent: boolean;
  private readonly recommendedShards: number;
  /** Guilds besides the default one (addGuild), each with one text channel. */
  private readonly otherGuilds: EmulatedGuild[] = [];
  private readonly joinedAt = new Date().toISOString();
  private port = 0;
  private closed = false;

  private constructor(options: EmulatorOptions) {
    this.bot = { id: snowflake(), username: 'quote-bot', bot: true };
    this.applicationId = this.bot.id;
    // Real tokens start with the base64 of the bot's id; discord.js does not check, but keep the shape.
    this.token = options.token ?? `${Buffer.from(this.bot.id).toString('base64')}.emulated.${snowflake()}`;
    this.member = { id: snowflake(), username: 'reader' };
    this.channelId = snowflake();
    this.guild = { id: snowflake(), name: 'Test Guild', ownerId: this.member.id, channelIds: [this.channelId] };
    this.users.set(this.bot.id, this.bot);
    this.users.set(this.member.id, this.member);
    this.ackDeadlineMs = options.ackDeadlineMs ?? 3_000;
    this.heartbeatIntervalMs = options.heartbeatIntervalMs ?? 41_250;
    this.messageContentIntent = options.messageContentIntent ?? true;
    this.recommendedShards = options.recommendedShards ?? 1;
    this.server = createServer((req, res) => void this.handleHttp(req, res));
    this.wss = new WebSocketServer({ server: this.server });
    this.wss.on('connection', (socket) => this.handleSocket(socket));
  }

  static async start(options: EmulatorOptions = {}): Promise<DiscordEmulator> {
    const emulator = new DiscordEmulator(options);
    await new Promise<void>((resolve, reject) => {
      emulator.server.once('error', reject);
      emulator.server.listen(0, '127.0.0.1', () => resolve());
    });
    emulator.port = (emulator.server.address() as AddressInfo).port;
    return emulator;
  }

  /** What DISCORD_API_URL should be: discord.js appends /v10/<route>. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  /** A new guild member who can send messages and use commands. */
  addUser(username: string): EmulatedUser {
    const user = { id: snowflake(), username };
    this.users.set(user.id, user);
    return user;
  }

  /** Resolves once `count` clients (shards) have identified (and been sent READY and GUILD_CREATE). */
  async waitForIdentify(timeoutMs = DEFAULT_WAIT_MS, count = 1): Promise<void> {
    await this.poll(() => [...this.connections].filter((c) => c.identified).length >= count, timeoutMs, `${count} client(s) to identify`);
  }

  /**
   * Another guild the bot is in, with one text channel; with `shard` ([id, count]) its id is chosen so
   * that Discord's rule routes it to that shard. Add guilds before the bot identifies.
   */
  addGuild(name: string, shard?: [number, number]): EmulatedGuild {
    let id = snowflake();
    while (shard && shardOfGuild(id, shard[1]) !== shard[0]) id = snowflake();
    const guild = { id, name, ownerId: this.member.id, channelIds: [snowflake()] };
    this.otherGuilds.push(guild);
    return guild;
  }

  // -------------------------------------------------------------------------------------------------
  // Injecting events

  /** Send a slash command as Discord would, with string options. */
  sendCommand(name: string, options: Record<string, string> = {}, send: SendInteractionOptions = {}): InteractionHandle {
    const registered = [...this.commands.global, ...(this.commands.guild.get(this.guild.id) ?? [])].find((c) => c.name === name);
    return this.sendInteraction(
      {
        type: 2,
        data: {
          id: registered?.id ?? snowflake(),
          name,
          type: 1,
          options: Object.entries(options).map(([key, value]) => ({ name: key, type: 3, value })),
          ...(send.dm ? {} : { guild_id: (send.guild ?? this.guild).id }),
        },
      },
      send,
    );
  }

  /** Click a button on a message the bot sent. */
  clickButton(message: StoredMessage, customId: string, send: SendInteractionOptions = {}): InteractionHandle {
    const exists = message.components.some((row: any) => (row.components ?? []).some((c: any) => c.custom_id === customId));
    if (!exists) throw new Error(`message ${message.id} has no button ${customId}`);
    return this.sendInteraction({ type: 3, data: { custom_id: customId, component_type: 2 }, message: message.raw }, send);
  }

  /**
   * Use a message context-menu command ("Apps > name") on a message. The target arrives resolved in
   * the interaction, content included, whatever the bot's intents (as on Discord).
   */
  sendMessageCommand(name: string, target: StoredMessage, send: SendInteractionOptions = {}): InteractionHandle {
    const registered = [...this.commands.global, ...(this.commands.guild.get(this.guild.id) ?? [])].find((c) => c.name === name && c.type === 3);
    const resolved = { ...target.raw, content: target.content };
    const inThread = this.threads.has(target.channelId) ? { channelId: target.channelId } : {};
    return this.sendInteraction(
      { type: 2, data: { id: registered?.id ?? snowflake(), name, type: 3, target_id: target.id, resolved: { messages: { [target.id]: resolved } }, ...(send.dm ? {} : { guild_id: this.guild.id }) } },
      { ...inThread, ...send },
    );
  }

  /**
   * An autocomplete request as the member types into `focused`: the bot must answer with callback
   * type 8 within 3 s; `choices(handle)` reads what it offered.
   */
  sendAutocomplete(name: string, options: Record<string, string>, focused: string, send: SendInteractionOptions = {}): InteractionHandle {
    const registered = [...this.commands.global, ...(this.commands.guild.get(this.guild.id) ?? [])].find((c) => c.name === name);
    return this.sendInteraction(
      {
        type: 4,
        data: {
          id: registered?.id ?? snowflake(),
          name,
          type: 1,
          options: Object.entries(options).map(([key, value]) => ({ name: key, type: 3, value, ...(key === focused ? { focused: true } : {}) })),
          ...(send.dm ? {} : { guild_id: this.guild.id }),
        },
      },
      send,
    );
  }

  /** The choices an autocomplete interaction was answered with (waits for the type-8 callback). */
  async choices(handle: InteractionHandle, timeoutMs = DEFAULT_WAIT_MS): Promise<AutocompleteChoice[]> {
    const response = await handle.waitFor((r) => r.kind === 'callback' && r.callbackType === 8, timeoutMs, 'autocomplete result');
    return response.body?.data?.choices ?? [];
  }

  /** Delete a thread as a moderator would: THREAD_DELETE, and the channel is gone for REST. */
  deleteThread(threadId: string): void {
    const thread = this.threads.get(threadId);
    if (!thread || thread.deleted) throw new Error(`no live thread ${threadId}`);
    thread.deleted = true;
    this.dispatch('THREAD_DELETE', { id: thread.id, type: 11, guild_id: this.guild.id, parent_id: thread.parentId });
  }

  /** Dispatch INTERACTION_CREATE; the 3-second acknowledgement clock starts now. */
  sendInteraction(partial: { type: number; data: any; message?: any }, send: SendInteractionOptions = {}): InteractionHandle {
    if (partial.type === 3 && !partial.message) throw new Error('a component interaction carries the message its button is on');
    const user = send.user ?? this.member;
    const id = snowflake();
    const token = `itoken-${id}-${Math.random().toString(36).slice(2)}`;
    const dm = send.dm ? this.dmChannelFor(user) : undefined;
    const thread = send.channelId ? this.liveThreadOrThrow(send.channelId) : undefined;
    const guild = send.guild ?? this.guild;
    const channelId = dm ? dm.channelId : thread ? thread.id : send.guild ? send.guild.channelIds[0]! : this.channelId;
    const permissions = send.memberPermissions ?? '0';
    let appPermissions = (1n << 10n) | (1n << 11n) | (1n << 14n) | (1n << 15n);
    if (this.botPermissions.createPublicThreads) appPermissions |= PERMISSION_CREATE_PUBLIC_THREADS;
    if (this.botPermissions.sendMessagesInThreads) appPermissions |= PERMISSION_SEND_MESSAGES_IN_THREADS;
    const payload: any = {
      id,
      application_id: this.applicationId,
      type: partial.type,
      data: partial.data,
      token,
      version: 1,
      locale: 'en-US',
      entitlements: [],
      authorizing_integration_owners: {},
      attachment_size_limit: 8_388_608,
      app_permissions: String(appPermissions),
      channel_id: channelId,
      channel: dm ? dmChannel(channelId, user) : thread ? this.threadObject(thread) : guildTextChannel(channelId, guild.id, 'general'),
      ...(partial.message ? { message: partial.message } : {}),
    };
    if (dm) {
      payload.user = userObject(user);
      payload.context = 1;
    } else {
      payload.guild_id = guild.id;
      payload.guild = { id: guild.id, locale: 'en-US', features: [] };
      payload.guild_locale = 'en-US';
      payload.member = memberObject(user, this.joinedAt, permissions);
      payload.context = 0;
    }

    let resolveAck!: (ack: Acknowledgement) => void;
    let rejectAck!: (error: Error) => void;
    const acknowledged = new Promise<Acknowledgement>((resolve, reject) => {
      resolveAck = resolve;
      rejectAck = reject;
    });
    acknowledged.catch(() => undefined);
    const state: InteractionState = {
      id,
      token,
      sentAt: Date.now(),
      channelId,
      ...(dm ? {} : { guildId: guild.id }),
      responses: [],
      listeners: new Set(),
      resolveAck,
      rejectAck,
      payload,
    };
    this.interactions.set(id, state);
    this.later(this.ackDeadlineMs + 50, () => {
      if (state.ackedAt === undefined) rejectAck(new Error(`interaction ${id} was not acknowledged within ${this.ackDeadlineMs} ms`));
    });
    this.dispatch('INTERACTION_CREATE', payload);

    const waitFor = (predicate: (r: InteractionResponse) => boolean, timeoutMs = DEFAULT_WAIT_MS, what = 'a matching response') =>
      new Promise<InteractionResponse>((resolve, reject) => {
        const found = state.responses.find(predicate);
        if (found) return resolve(found);
        const timer = this.later(timeoutMs, () => {
          state.listeners.delete(listener);
          reject(new Error(`interaction ${id}: no ${what} within ${timeoutMs} ms; got ${JSON.stringify(state.responses.map((r) => [r.kind, r.callbackType]))}`));
        });
        const listener = (r: InteractionResponse) => {
          if (!predicate(r)) return;
          state.listeners.delete(listener);
          this.clear(timer);
          resolve(r);
        };
        state.listeners.add(listener);
      });
    return {
      id,
      token,
      sentAt: state.sentAt,
      responses: state.responses,
      acknowledged,
      waitFor,
      reply: (timeoutMs?: number) => waitFor(isVisibleResponse, timeoutMs, 'reply'),
    };
  }

  /**
   * Deliver the same INTERACTION_CREATE again, as happens when two bot processes share a token: the
   * second acknowledgement must fail with 40060 and the bot must survive it.
   */
  redeliver(handle: InteractionHandle): void {
    const state = this.interactions.get(handle.id);
    if (!state) throw new Error(`unknown interaction ${handle.id}`);
    this.dispatch('INTERACTION_CREATE', state.payload);
  }

  /**
   * Dispatch MESSAGE_CREATE from a user: in the guild channel, a DM with the bot (dm: true) or a thread
   * (channelId), optionally as a Discord reply to another message (which pings its author by default).
   */
  sendMessage(content: string, options: SendMessageOptions = {}): MessageHandle {
    const user = options.user ?? this.member;
    const dm = options.dm ? this.dmChannelFor(user) : undefined;
    const thread = options.channelId ? this.liveThreadOrThrow(options.channelId) : undefined;
    const channelId = dm ? dm.channelId : thread ? thread.id : (options.replyTo?.channelId ?? this.channelId);
    const id = snowflake();
    const text = options.mentionBot ? `<@${this.bot.id}> ${content}` : content;
    const mentioned = [...text.matchAll(/<@!?(\d+)>/g)].map((m) => this.users.get(m[1] ?? '')).filter((u): u is EmulatedUser => u !== undefined);
    const replyTarget = options.replyTo;
    const repliedAuthor = replyTarget ? this.users.get(replyTarget.authorId) : undefined;
    if (repliedAuthor && options.pingReply !== false && !mentioned.some((u) => u.id === repliedAuthor.id)) mentioned.push(repliedAuthor);
    const mentionsBot = mentioned.some((u) => u.id === this.bot.id);
    // Without the MessageContent intent Discord blanks guild messages that do not mention the bot.
    const intents = this.identifies.at(-1)?.intents ?? 0;
    const hasContentIntent = (BigInt(intents) & (1n << 15n)) !== 0n;
    const visible = dm || mentionsBot || hasContentIntent ? text : '';
    const payload: any = {
      id,
      channel_id: channelId,
      // Discord sends the channel type, which is how a client knows an uncached channel is a DM.
      channel_type: dm ? 1 : 0,
      author: userObject(user),
      content: visible,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: mentioned.map(userObject),
      mention_roles: [],
      attachments: [],
      embeds: [],
      components: [],
      pinned: false,
      type: replyTarget ? 19 : 0,
      flags: 0,
      ...(dm ? {} : { guild_id: this.guild.id, member: { ...memberObject(user, this.joinedAt), user: undefined } }),
      ...(replyTarget
        ? {
            message_reference: { type: 0, message_id: replyTarget.id, channel_id: replyTarget.channelId, ...(replyTarget.guildId ? { guild_id: replyTarget.guildId } : {}) },
            referenced_message: replyTarget.raw,
          }
        : {}),
    };
    if (thread) payload.channel_type = 11;
    this.messages.set(id, {
      id,
      channelId,
      authorId: user.id,
      content: text,
      embeds: [],
      components: [],
      flags: 0,
      raw: payload,
      ...(dm ? {} : { guildId: this.guild.id }),
      ...(replyTarget ? { replyTo: replyTarget.id } : {}),
    });
    this.dispatch('MESSAGE_CREATE', payload);
    return {
      id,
      channelId,
      reply: (timeoutMs = DEFAULT_WAIT_MS) => this.waitForMessage((m) => m.replyTo === id, timeoutMs, `a reply to message ${id}`),
    };
  }

  /** Resolves with the first bot message (already sent or future) that matches. */
  waitForMessage(predicate: (m: StoredMessage) => boolean, timeoutMs = DEFAULT_WAIT_MS, what = 'a matching message'): Promise<StoredMessage> {
    return new Promise((resolve, reject) => {
      const found = [...this.messages.values()].find((m) => m.authorId === this.bot.id && predicate(m));
      if (found) return resolve(found);
      const timer = this.later(timeoutMs, () => {
        this.messageListeners.delete(listener);
        reject(new Error(`no ${what} within ${timeoutMs} ms`));
      });
      const listener = (m: StoredMessage) => {
        if (!predicate(m)) return;
        this.messageListeners.delete(listener);
        this.clear(timer);
        resolve(m);
      };
      this.messageListeners.add(listener);
    });
  }

  /** Stop everything: sockets, server, timers. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const c of this.connections) c.socket.terminate();
    this.connections.clear();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // -------------------------------------------------------------------------------------------------
  // Gateway

  private handleSocket(socket: WebSocket): void {
    const connection: Connection = { socket, identified: false, seq: 0, shard: [0, 1] };
    this.connections.add(connection);
    socket.on('close', () => this.connections.delete(connection));
    socket.on('error', () => this.connections.delete(connection));
    socket.on('message', (raw) => this.handleGatewayFrame(connection, String(raw)));
    socket.send(JSON.stringify({ op: 10, d: { heartbeat_interval: this.heartbeatIntervalMs }, s: null, t: null }));
  }

  private handleGatewayFrame(connection: Connection, raw: string): void {
    let frame: any;
    try {
      frame = JSON.parse(raw);
    } catch {
      connection.socket.close(4002, 'Error while decoding payload.');
      return;
    }
    switch (frame.op) {
      case 1:
        connection.socket.send(JSON.stringify({ op: 11, d: null, s: null, t: null }));
        return;
      case 2: {
        const { token, ...rest } = frame.d ?? {};
        this.identifies.push(rest);
        if (String(token).replace(/^Bot /, '') !== this.token) {
          connection.socket.close(4004, 'Authentication failed.');
          return;
        }
        if (!this.messageContentIntent && (BigInt(rest.intents ?? 0) & (1n << 15n)) !== 0n) {
          connection.socket.close(4014, 'Disallowed intent(s).');
          return;
        }
        connection.identified = true;
        const shard: [number, number] = Array.isArray(rest.shard) && rest.shard.length === 2 ? [Number(rest.shard[0]), Number(rest.shard[1])] : [0, 1];
        connection.shard = shard;
        const guilds = [this.guild, ...this.otherGuilds].filter((g) => shardOfGuild(g.id, shard[1]) === shard[0]);
        this.sendDispatch(connection, 'READY', {
          v: 10,
          user: { ...userObject(this.bot), verified: true, mfa_enabled: false, email: null },
          guilds: guilds.map((g) => ({ id: g.id, unavailable: true })),
          session_id: `session-${snowflake()}`,
          resume_gateway_url: this.gatewayUrl,
          shard,
          application: { id: this.applicationId, flags: 0 },
          private_channels: [],
          relationships: [],
          presences: [],
          guild_join_requests: [],
          user_settings: {},
        });
        for (const g of guilds) this.sendDispatch(connection, 'GUILD_CREATE', guildCreate(g, [...this.users.values()], this.joinedAt));
        return;
      }
      case 6:
        // No session state is kept: make the client identify afresh.
        connection.socket.send(JSON.stringify({ op: 9, d: false, s: null, t: null }));
        return;
      default:
        return;
    }
  }

  private sendDispatch(connection: Connection, t: string, d: any): void {
    connection.seq += 1;
    connection.socket.send(JSON.stringify({ op: 0, t, s: connection.seq, d }));
  }

  private dispatch(t: string, d: any): void {
    // An unsharded client gets everything; a shard gets its guilds' events, and DMs go to shard 0.
    const target = (c: Connection) => c.shard[1] <= 1 || c.shard[0] === (d?.guild_id ? shardOfGuild(String(d.guild_id), c.shard[1]) : 0);
    const ready = [...this.connections].filter((c) => c.identified && target(c));
    if (ready.length === 0) throw new Error(`cannot dispatch ${t}: no client has identified`);
    for (const c of ready) this.sendDispatch(c, t, d);
  }

  // -------------------------------------------------------------------------------------------------
  // REST

  private async handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const rawBody = await readBody(req);
    const method = req.method ?? 'GET';
    const prefix = '/api/v10';
    const path = decodeURIComponent(url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) : url.pathname);
    const authorized = req.headers.authorization === `Bot ${this.token}`;
    let body: any = rawBody;
    if (rawBody && String(req.headers['content-type'] ?? '').startsWith('application/json')) {
      try {
        body = JSON.parse(rawBody);
      } catch {
        body = rawBody;
      }
    }
    const record: RecordedRequest = { method, path, route: `${method} ${path}`, query: Object.fromEntries(url.searchParams), body, status: 0, authorized, at: Date.now() };
    this.requests.push(record);
    const send = (status: number, json?: unknown) => {
      record.status = status;
      if (json === undefined) {
        res.writeHead(status).end();
      } else {
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
      }
    };
    try {
      this.route(record, send);
    } catch (error) {
      send(500, { message: `emulator error: ${(error as Error).message}`, code: 0 });
    }
  }

  private route(record: RecordedRequest, send: (status: number, json?: unknown) => void): void {
    const { method, path, body } = record;
    const parts = path.split('/').filter(Boolean);
    const is = (route: string, pattern: RegExp) => {
      if (!pattern.test(`${method} ${path}`)) return false;
      record.route = route;
      return true;
    };
    const needsAuth = () => {
      if (record.authorized) return true;
      send(401, { message: '401: Unauthorized', code: 0 });
      return false;
    };

    if (is('POST /interactions/:id/:token/callback', /^POST \/interactions\/\d+\/[^/]+\/callback$/)) return this.interactionCallback(record, parts[1] ?? '', parts[2] ?? '', send);
    if (is('PATCH /webhooks/:app/:token/messages/@original', /^PATCH \/webhooks\/\d+\/[^/]+\/messages\/@original$/)) return this.editOriginal(record, parts[2] ?? '', send);
    if (is('DELETE /webhooks/:app/:token/messages/@original', /^DELETE \/webhooks\/\d+\/[^/]+\/messages\/@original$/)) return this.deleteOriginal(record, parts[2] ?? '', send);
    if (is('GET /webhooks/:app/:token/messages/@original', /^GET \/webhooks\/\d+\/[^/]+\/messages\/@original$/)) {
      const state = this.liveInteraction(parts[2] ?? '', send, true);
      if (!state) return;
      const original = state.originalId ? this.messages.get(state.originalId) : undefined;
      return original ? send(200, original.raw) : send(404, { message: 'Unknown Message', code: 10008 });
    }
    if (is('POST /webhooks/:app/:token', /^POST \/webhooks\/\d+\/[^/]+$/)) return this.followUp(record, parts[2] ?? '', send);

    if (!needsAuth()) return;
    if (is('GET /gateway/bot', /^GET \/gateway\/bot$/)) {
      return send(200, { url: this.gatewayUrl, shards: this.recommendedShards, session_start_limit: { total: 1000, remaining: 999, reset_after: 86_400_000, max_concurrency: 1 } });
    }
    if (is('GET /gateway', /^GET \/gateway$/)) return send(200, { url: this.gatewayUrl });
    if (is('GET /users/@me', /^GET \/users\/@me$/)) return send(200, userObject(this.bot));
    if (is('GET /applications/@me', /^GET \/applications\/@me$/)) return send(200, { id: this.applicationId, name: this.bot.username, flags: 0, bot: userObject(this.bot) });
    if (is('PUT /applications/:app/commands', /^PUT \/applications\/\d+\/commands$/)) return this.putCommands(parts[1] ?? '', undefined, body, send);
    if (is('PUT /applications/:app/guilds/:guild/commands', /^PUT \/applications\/\d+\/guilds\/\d+\/commands$/)) return this.putCommands(parts[1] ?? '', parts[3], body, send);
    if (is('GET /applications/:app/commands', /^GET \/applications\/\d+\/commands$/)) return send(200, this.commands.global);
    if (is('GET /applications/:app/guilds/:guild/commands', /^GET \/applications\/\d+\/guilds\/\d+\/commands$/)) return send(200, this.commands.guild.get(parts[3] ?? '') ?? []);
    if (is('POST /users/@me/channels', /^POST \/users\/@me\/channels$/)) {
      const user = this.users.get(String(body?.recipient_id));
      if (!user) return send(400, { message: 'Invalid Form Body', code: 50035, errors: { recipient_id: 'Unknown user' } });
      const dm = this.dmChannelFor(user);
      return send(200, dmChannel(dm.channelId, user));
    }
    if (is('POST /channels/:channel/typing', /^POST \/channels\/\d+\/typing$/)) return send(204);
    if (is('POST /channels/:channel/messages', /^POST \/channels\/\d+\/messages$/)) return this.createChannelMessage(record, parts[1] ?? '', send);
    if (is('POST /channels/:channel/messages/:message/threads', /^POST \/channels\/\d+\/messages\/\d+\/threads$/)) return this.startThread(record, parts[1] ?? '', parts[3] ?? '', send);
    if (is('GET /channels/:channel/messages/:message', /^GET \/channels\/\d+\/messages\/\d+$/)) {
      const message = this.messages.get(parts[3] ?? '');
      return message && message.channelId === parts[1] ? send(200, message.raw) : send(404, { message: 'Unknown Message', code: 10008 });
    }
    if (is('GET /channels/:channel', /^GET \/channels\/\d+$/)) {
      const id = parts[1] ?? '';
      const thread = this.threads.get(id);
      if (thread && !thread.deleted) return send(200, this.threadObject(thread));
      if (id === this.channelId) return send(200, guildTextChannel(id, this.guild.id, 'general'));
      const dm = [...this.dmChannels.values()].find((d) => d.channelId === id);
      const recipient = dm ? this.users.get(dm.userId) : undefined;
      return recipient ? send(200, dmChannel(id, recipient)) : send(404, { message: 'Unknown Channel', code: 10003 });
    }
    send(404, { message: '404: Not Found', code: 0 });
  }

  private putCommands(appId: string, guildId: string | undefined, body: any, send: (status: number, json?: unknown) => void): void {
    if (appId !== this.applicationId) return send(403, { message: 'Missing Access', code: 50001 });
    if (guildId !== undefined && guildId !== this.guild.id) return send(403, { message: 'Missing Access', code: 50001 });
    if (!Array.isArray(body)) return send(400, { message: 'Invalid Form Body', code: 50035, errors: { _: 'Expected an array' } });
    const errors: Record<string, string> = {};
    body.forEach((command: any, i: number) => {
      const type = command?.type ?? 1;
      // Slash command names are lower-case words; context-menu names (types 2, 3) may hold capitals and spaces.
      const namePattern = type === 1 ? /^[-_\p{Ll}\p{N}]{1,32}$/u : /^[^\n]{1,32}$/u;
      if (typeof command?.name !== 'string' || !namePattern.test(command.name)) errors[`${i}.name`] = 'Command name is invalid';
      if (type !== 1 && command?.description) errors[`${i}.description`] = 'Context menu commands cannot have a description';
      if (type === 1 && (typeof command?.description !== 'string' || command.description.length < 1 || command.description.length > 100)) errors[`${i}.description`] = 'Must be between 1 and 100 in length.';
      for (const [j, option] of (command?.options ?? []).entries()) {
        if (typeof option?.name !== 'string' || !/^[-_\p{Ll}\p{N}]{1,32}$/u.test(option.name)) errors[`${i}.options.${j}.name`] = 'Option name is invalid';
        if (typeof option?.description !== 'string' || option.description.length < 1 || option.description.length > 100) errors[`${i}.options.${j}.description`] = 'Must be between 1 and 100 in length.';
      }
    });
    if (Object.keys(errors).length > 0) return send(400, { message: 'Invalid Form Body', code: 50035, errors });
    const stored = body.map((command: any) => ({ id: snowflake(), application_id: appId, version: snowflake(), type: 1, ...(guildId ? { guild_id: guildId } : {}), ...command }));
    if (guildId) this.commands.guild.set(guildId, stored);
    else this.commands.global = stored;
    send(200, stored);
  }

  private interactionCallback(record: RecordedRequest, id: string, token: string, send: (status: number, json?: unknown) => void): void {
    const state = this.interactions.get(id);
    const now = Date.now();
    if (!state || state.token !== token) return send(404, { message: 'Unknown interaction', code: 10062 });
    if (state.ackedAt !== undefined) return send(400, { message: 'Interaction has already been acknowledged.', code: 40060 });
    if (now - state.sentAt >= this.ackDeadlineMs) return send(404, { message: 'Unknown interaction', code: 10062 });
    const type = record.body?.type;
    if (![4, 5, 6, 7, 8, 9].includes(type)) return send(400, { message: 'Invalid Form Body', code: 50035, errors: { type: 'Not a valid interaction callback type' } });
    // Autocomplete can only be answered with choices (no defer), and choices answer nothing else.
    const isAutocomplete = state.payload.type === 4;
    if (isAutocomplete !== (type === 8)) return send(400, { message: 'Interaction response type is not valid for this interaction', code: 40043 });
    if ((type === 6 || type === 7) && state.payload.type !== 3) return send(400, { message: 'Interaction response type is not valid for this interaction', code: 40043 });
    const data = record.body?.data ?? {};
    if (type === 8) {
      const errors = validateChoices(data.choices);
      if (Object.keys(errors).length > 0) return send(400, { message: 'Invalid Form Body', code: 50035, errors });
    }
    if (type === 4 || type === 7) {
      const errors = validateMessageBody(data, { requireSomething: type === 4 });
      if (Object.keys(errors).length > 0) return send(400, { message: 'Invalid Form Body', code: 50035, errors });
    }
    state.ackedAt = now;
    state.ackType = type;
    state.resolveAck({ type, latencyMs: now - state.sentAt });
    let message: StoredMessage | undefined;
    if (type === 4 || type === 5) message = this.storeInteractionMessage(state, { ...data, content: type === 5 ? '' : data.content }, record.route);
    if (type === 7) message = this.storeInteractionMessage(state, data, record.route);
    this.respond(state, { kind: 'callback', callbackType: type, body: record.body, ...(message ? { message } : {}), at: now });
    if (record.query.with_response === 'true') return send(200, { interaction: { id, type: 2 }, resource: message ? { type, message: message.raw } : { type } });
    send(204);
  }

  private editOriginal(record: RecordedRequest, token: string, send: (status: number, json?: unknown) => void): void {
    const state = this.liveInteraction(token, send, true);
    if (!state) return;
    const errors = validateMessageBody(record.body, { requireSomething: false });
    if (Object.keys(errors).length > 0) return send(400, { message: 'Invalid Form Body', code: 50035, errors });
    const previous = state.originalId ? this.messages.get(state.originalId) : undefined;
    const merged = { ...(previous?.raw ?? {}), ...record.body, flags: previous?.flags ?? 0 };
    const message = this.storeInteractionMessage(state, merged, record.route);
    this.respond(state, { kind: 'edit-original', body: record.body, message, at: Date.now() });
    send(200, message.raw);
  }

  private deleteOriginal(record: RecordedRequest, token: string, send: (status: number, json?: unknown) => void): void {
    const state = this.liveInteraction(token, send, true);
    if (!state) return;
    if (!state.originalId) return send(404, { message: 'Unknown Message', code: 10008 });
    this.messages.delete(state.originalId);
    state.originalId = undefined;
    this.respond(state, { kind: 'delete-original', body: record.body, at: Date.now() });
    send(204);
  }

  private followUp(record: RecordedRequest, token: string, send: (status: number, json?: unknown) => void): void {
    const state = this.liveInteraction(token, send, true);
    if (!state) return;
    const errors = validateMessageBody(record.body, { requireSomething: true });
    if (Object.keys(errors).length > 0) return send(400, { message: 'Invalid Form Body', code: 50035, errors });
    const message = this.storeMessage({ channelId: state.channelId, ...(state.guildId ? { guildId: state.guildId } : {}), body: record.body, route: record.route, interactionId: state.id, webhook: true });
    this.respond(state, { kind: 'followup', body: record.body, message, at: Date.now() });
    send(200, message.raw);
  }

  private createChannelMessage(record: RecordedRequest, channelId: string, send: (status: number, json?: unknown) => void): void {
    const dm = [...this.dmChannels.values()].find((d) => d.channelId === channelId);
    const thread = this.threads.get(channelId);
    if (channelId !== this.channelId && !dm && (!thread || thread.deleted)) return send(404, { message: 'Unknown Channel', code: 10003 });
    if (thread && !this.botPermissions.sendMessagesInThreads) return send(403, { message: 'Missing Permissions', code: 50013 });
    const errors = validateMessageBody(record.body, { requireSomething: true });
    const reference = record.body?.message_reference?.message_id;
    if (reference !== undefined && !this.messages.has(String(reference))) errors['message_reference'] = 'Unknown message';
    if (Object.keys(errors).length > 0) return send(400, { message: 'Invalid Form Body', code: 50035, errors });
    const message = this.storeMessage({ channelId, ...(dm ? {} : { guildId: this.guild.id }), body: record.body, route: record.route });
    send(200, message.raw);
  }

  /**
   * Start a public thread on a message, as Discord does: the thread takes the message's id, the bot is
   * its owner and first member, THREAD_CREATE follows. Refused with 50013 without Create Public Threads,
   * 160004 when the message already has a thread, 50024 in a DM or a thread.
   */
  private startThread(record: RecordedRequest, channelId: string, messageId: string, send: (status: number, json?: unknown) => void): void {
    const message = this.messages.get(messageId);
    if (!message || message.channelId !== channelId) return send(404, { message: 'Unknown Message', code: 10008 });
    if (channelId !== this.channelId) return send(400, { message: 'Cannot execute action on this channel type', code: 50024 });
    if (!this.botPermissions.createPublicThreads) return send(403, { message: 'Missing Permissions', code: 50013 });
    const existing = this.threads.get(messageId);
    if (existing && !existing.deleted) return send(400, { message: 'A thread has already been created for this message', code: 160004 });
    const name = record.body?.name;
    if (typeof name !== 'string' || [...name].length < 1 || [...name].length > 100) return send(400, { message: 'Invalid Form Body', code: 50035, errors: { name: 'Must be between 1 and 100 in length.' } });
    const autoArchive = record.body?.auto_archive_duration ?? 4320;
    if (![60, 1440, 4320, 10080].includes(autoArchive)) return send(400, { message: 'Invalid Form Body', code: 50035, errors: { auto_archive_duration: 'Not a valid duration' } });
    const thread: EmulatedThread = { id: messageId, parentId: channelId, messageId, name, ownerId: this.bot.id, autoArchiveMinutes: autoArchive, deleted: false };
    this.threads.set(thread.id, thread);
    const channel = this.threadObject(thread);
    send(201, channel);
    this.dispatch('THREAD_CREATE', { ...channel, newly_created: true });
  }

  private threadObject(thread: EmulatedThread): any {
    return threadChannel({ id: thread.id, guildId: this.guild.id, parentId: thread.parentId, ownerId: thread.ownerId, name: thread.name, autoArchiveMinutes: thread.autoArchiveMinutes, memberUserId: this.bot.id, joinedAt: this.joinedAt });
  }

  private liveThreadOrThrow(id: string): EmulatedThread {
    const thread = this.threads.get(id);
    if (!thread || thread.deleted) throw new Error(`no live thread ${id}`);
    return thread;
  }

  /** The interaction a webhook token belongs to, if it was acknowledged and has not expired. */
  private liveInteraction(token: string, send: (status: number, json?: unknown) => void, mustBeAcked: boolean): InteractionState | undefined {
    const state = [...this.interactions.values()].find((s) => s.token === token);
    if (!state || (mustBeAcked && state.ackedAt === undefined) || Date.now() - state.sentAt > TOKEN_LIFETIME_MS) {
      send(404, { message: 'Unknown Webhook', code: 10015 });
      return undefined;
    }
    return state;
  }

  private storeInteractionMessage(state: InteractionState, body: any, route: string): StoredMessage {
    const message = this.storeMessage({
      ...(state.originalId ? { id: state.originalId } : {}),
      channelId: state.channelId,
      ...(state.guildId ? { guildId: state.guildId } : {}),
      body,
      route,
      interactionId: state.id,
      webhook: true,
    });
    state.originalId = message.id;
    return message;
  }

  private storeMessage(fields: { id?: string; channelId: string; guildId?: string; body: any; route: string; interactionId?: string; webhook?: boolean }): StoredMessage {
    const id = fields.id ?? snowflake();
    const body = fields.body ?? {};
    const replyTo = body.message_reference?.message_id !== undefined ? String(body.message_reference.message_id) : undefined;
    const repliedAuthor = replyTo ? this.messages.get(replyTo)?.authorId : undefined;
    for (const ping of pingsOf(body, repliedAuthor)) this.pings.push({ ...ping, route: fields.route });
    const raw = messageObject({
      id,
      channelId: fields.channelId,
      ...(fields.guildId ? { guildId: fields.guildId } : {}),
      author: this.bot,
      body,
      timestamp: new Date().toISOString(),
      applicationId: this.applicationId,
      ...(fields.webhook ? { webhookId: this.applicationId } : {}),
    });
    const message: StoredMessage = {
      id,
      channelId: fields.channelId,
      ...(fields.guildId ? { guildId: fields.guildId } : {}),
      authorId: this.bot.id,
      content: raw.content,
      embeds: raw.embeds,
      components: raw.components,
      flags: raw.flags,
      ...(replyTo ? { replyTo } : {}),
      ...(fields.interactionId ? { interactionId: fields.interactionId } : {}),
      raw,
    };
    this.messages.set(id, message);
    for (const listener of [...this.messageListeners]) listener(message);
    return message;
  }

  private respond(state: InteractionState, response: InteractionResponse): void {
    state.responses.push(response);
    for (const listener of [...state.listeners]) listener(response);
  }

  private dmChannelFor(user: EmulatedUser): { channelId: string; userId: string } {
    let dm = this.dmChannels.get(user.id);
    if (!dm) {
      dm = { channelId: snowflake(), userId: user.id };
      this.dmChannels.set(user.id, dm);
    }
    return dm;
  }

  private later(ms: number, fn: () => void): NodeJS.Timeout {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    timer.unref();
    this.timers.add(timer);
    return timer;
  }

  private clear(timer: NodeJS.Timeout): void {
    clearTimeout(timer);
    this.timers.delete(timer);
  }

  private async poll(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

/** Whether a response shows the user something (not just "thinking…" or a silent acknowledgement). */
function isVisibleResponse(r: InteractionResponse): boolean {
  if (r.kind === 'callback') return r.callbackType === 4 || r.callbackType === 7;
  return r.kind === 'edit-original' || r.kind === 'followup';
}

/** Form-body errors for autocomplete choices, by Discord's rules: at most 25, name and value 1-100 characters. */
function validateChoices(choices: unknown): Record<string, string> {
  if (!Array.isArray(choices)) return { choices: 'This field is required' };
  const errors: Record<string, string> = {};
  if (choices.length > AUTOCOMPLETE_MAX_CHOICES) errors.choices = `Must be ${AUTOCOMPLETE_MAX_CHOICES} or fewer in length.`;
  choices.forEach((choice: any, i: number) => {
    const name = typeof choice?.name === 'string' ? [...choice.name].length : 0;
    if (name < 1 || name > AUTOCOMPLETE_MAX_CHARS) errors[`choices.${i}.name`] = `Must be between 1 and ${AUTOCOMPLETE_MAX_CHARS} in length.`;
    const value = choice?.value;
    if (typeof value === 'string' ? [...value].length < 1 || [...value].length > AUTOCOMPLETE_MAX_CHARS : typeof value !== 'number') errors[`choices.${i}.value`] = `Must be between 1 and ${AUTOCOMPLETE_MAX_CHARS} in length.`;
  });
  return errors;
}

/** Decimal permission strings for tests. */
export const PERMISSIONS = { none: '0', manageGuild: String(PERMISSION_MANAGE_GUILD) } as const;

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
