// The one module that reads the environment. Settings are parsed once, with a schema, from
// process.env plus an optional .env file; everything else receives the typed `Config`.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { z } from 'zod';
import { AppError } from './errors.js';

/** The bundled article, shipped inside the project so a fresh clone has something to answer from. */
export const BUNDLED_ARTICLE = 'ingest/corpus/article.txt';

// DATABASE_URL usually carries a password.
const SECRET_KEYS = new Set(['DISCORD_TOKEN', 'DATABASE_URL']);

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const int = (min: number, max: number) =>
  z.coerce
    .number({ message: 'must be a number' })
    .int({ message: 'must be a whole number' })
    .min(min, { message: `must be at least ${min}` })
    .max(max, { message: `must be at most ${max}` });

const list = z
  .string()
  .transform((v) => v.split(',').map((s) => s.trim()).filter((s) => s.length > 0));

const snowflake = z.string().regex(/^\d{15,22}$/, { message: 'must be a Discord id (digits only)' });

const schema = z.object({
  STORE_DIR: z.string().min(1).default('store'),
  STORE: z.enum(['files', 'postgres'], { message: 'must be files or postgres' }).default('files'),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, { message: 'must be a postgres:// connection URL' }).optional(),
  DATABASE_POLL_INTERVAL_MS: int(1_000, 3_600_000).default(30_000),
  DATABASE_CONNECT_TIMEOUT_MS: int(500, 120_000).default(5_000),
  DATABASE_CONNECT_ATTEMPTS: int(1, 20).default(4),
  SOURCES: list.default([BUNDLED_ARTICLE]),
  EMBEDDINGS: z.enum(['auto', 'transformers', 'local'], { message: 'must be one of auto, transformers, local' }).default('auto'),
  EMBEDDING_MODEL: z.string().min(1).default('Xenova/all-MiniLM-L6-v2'),
  MODEL_DIR: z.string().min(1).default('.cache/models'),
  ALLOW_REMOTE_MODELS: bool.default(true),
  MODEL_REMOTE_HOST: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).optional(),
  MODEL_LOAD_TIMEOUT_MS: int(1_000, 600_000).default(30_000),
  ANSWER_PASSAGES: int(1, 10).default(3),
  ANSWER_MAX_PASSAGES: int(1, 25).default(9),
  ANSWER_MIN_RELEVANCE: z.coerce
    .number({ message: 'must be a number' })
    .min(0, { message: 'must be between 0 and 1' })
    .max(1, { message: 'must be between 0 and 1' })
    .optional(),
  QUESTION_MAX_LENGTH: int(10, 4_000).default(500),
  RELOAD_INTERVAL_MS: int(100, 3_600_000).default(1_000),
  URL_TIMEOUT_MS: int(500, 120_000).default(15_000),
  URL_MAX_BYTES: int(1_024, 100_000_000).default(5_000_000),
  URL_ALLOW_PRIVATE: bool.default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { message: 'must be one of fatal, error, warn, info, debug, trace, silent' }).default('info'),
  DISCORD_TOKEN: z.string().min(1).optional(),
  DISCORD_CLIENT_ID: snowflake.optional(),
  DISCORD_GUILD_ID: snowflake.optional(),
  DISCORD_API_URL: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).optional(),
  COOLDOWN_SECONDS: int(0, 3_600).default(5),
  FEEDBACK_LOG: z.string().min(1).optional(),
  FEEDBACK_LOG_MAX_BYTES: int(1_024, 1_000_000_000).default(10_000_000),
  REINGEST_ALLOWED_USERS: list.pipe(z.array(snowflake)).default([]),
  DISCORD_MESSAGE_CONTENT: bool.default(false),
  DISCORD_SHARDS: z.union([z.literal('auto'), int(1, 100_000)], { message: 'must be auto or a whole number of shards' }).optional(),
  DISCORD_SHARD_LIST: z
    .string()
    .regex(/^\s*\d+(\s*-\s*\d+)?(\s*,\s*\d+(\s*-\s*\d+)?)*\s*$/, { message: 'must be shard ids and ranges, e.g. 0-3 or 0,2,4' })
    .optional(),
  DISCORD_TOTAL_SHARDS: int(1, 100_000).optional(),
});

/** Every setting, parsed and checked once by loadConfig; paths are resolved against cwd, and times are in ms unless the name says otherwise. */
export interface Config {
  cwd: string;
  storeDir: string;
  /** Where index generations, the ingest lock and feedback live: files under storeDir, or a shared Postgres. */
  store: { kind: 'files' } | PostgresStoreConfig;
  sources: string[];
  embeddings: 'auto' | 'transformers' | 'local';
  embeddingModel: string;
  modelDir: string;
  allowRemoteModels: boolean;
  /** A Hugging Face hub mirror to download models from; undefined = https://huggingface.co/. */
  modelRemoteHost?: string;
  modelLoadTimeoutMs: number;
  answer: {
    /** How many passages a reply quotes at once. */
    passages: number;
    /** How many ranked passages an answer keeps, for "more passages". */
    maxPassages: number;
    /** Relevance (0..1, higher is more relevant) below which the reply declines; undefined = the calibrated default. */
    minRelevance: number | undefined;
  };
  questionMaxLength: number;
  reloadIntervalMs: number;
  /** allowPrivate: fetch URL sources from loopback/private addresses too (trusted local setups and tests only). */
  url: { timeoutMs: number; maxBytes: number; allowPrivate: boolean };
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  discord: {
    token: string | undefined;
    clientId: string | undefined;
    guildId: string | undefined;
    apiUrl: string | undefined;
    cooldownSeconds: number;
    feedbackLog: string;
    /** The feedback log is rotated to <file>.1 before it would grow past this. */
    feedbackLogMaxBytes: number;
    reingestAllowedUsers: string[];
    /**
     * Ask for the privileged Message Content intent (the operator must also switch it on in the
     * Developer Portal) so plain messages in threads the bot opened are read without a mention.
     */
    messageContent: boolean;
    /** The sharded mode's plan (npm run start:sharded); npm start ignores it and runs one connection. */
    sharding: ShardingConfig;
  };
}

/** Which Discord gateway shards this machine runs (DISCORD_SHARDS, DISCORD_TOTAL_SHARDS, DISCORD_SHARD_LIST). */
export interface ShardingConfig {
  /** Shards across all machines: a number, or 'auto' for Discord's recommendation (GET /gateway/bot). */
  totalShards: number | 'auto';
  /** The shard ids this machine runs; undefined = all of them. */
  shardList: number[] | undefined;
}

/** The shared Postgres store's settings (STORE=postgres); times in milliseconds. */
export interface PostgresStoreConfig {
  kind: 'postgres';
  databaseUrl: string;
  /** The safety-net poll for a new generation; LISTEN/NOTIFY normally announces it at once. */
  pollIntervalMs: number;
  connectTimeoutMs: number;
  /** Tries at start (with backoff) before a connection failure becomes the one-line error. */
  connectAttempts: number;
}

/** Where loadConfig reads settings from; tests pass their own env and cwd. */
export interface LoadConfigOptions {
  /** Defaults to process.env. */
  env?: NodeJS.ProcessEnv;
  /** Defaults to process.cwd(). Relative paths in settings resolve against it. */
  cwd?: string;
  /** A .env file to read; defaults to `<cwd>/.env`, `false` to read none. Real environment variables win over it. */
  envFile?: string | false;
  /** Where warnings go (unknown keys that look like a misspelt setting); default: a `warning:` line on stderr. */
  warn?: (message: string) => void;
}

/** Parse settings once. Throws AppError('CONFIG_INVALID') naming the key and the rule, never a secret's value. */
/**
 * The bot token, for the entry points that talk to Discord (bot, shards, register).
 * Returns it; throws AppError('CONFIG_INVALID') saying where to put it when it is not set.
 */
export function requireDiscordToken(config: Config): string {
  const token = config.discord.token;
  if (!token) throw new AppError('CONFIG_INVALID', 'DISCORD_TOKEN is not set: put your bot token in .env (see .env.example).');
  return token;
}

/**
 * Reads the settings from the environment and the .env file (the environment wins), checks them with the schema
 * and returns the Config; warns about unknown keys that look like misspelt settings.
 * Throws AppError('CONFIG_INVALID') naming the first bad setting, or when the .env file cannot be read.
 */
export function loadConfig(options: LoadConfigOptions = {}): Config {
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  const envFile = options.envFile === undefined ? path.join(cwd, '.env') : options.envFile;
  const fromFile = envFile && existsSync(envFile) ? readEnvFile(envFile) : {};
  const warn = options.warn ?? ((message: string) => process.stderr.write(`warning: ${message}\n`));
  for (const message of unknownKeyWarnings(Object.keys(fromFile), Object.keys(env), envFile ? path.basename(envFile) : '.env')) warn(message);

  const merged: Record<string, string> = {};
  for (const key of Object.keys(schema.shape)) {
    const value = env[key] ?? fromFile[key];
    // An empty value means "not set", as in most .env conventions.
    if (value !== undefined && value.trim() !== '') merged[key] = value.trim();
  }

  const parsed = schema.safeParse(merged);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = String(issue?.path[0] ?? 'configuration');
    const shown = SECRET_KEYS.has(key) || merged[key] === undefined ? '' : ` (got "${truncate(merged[key])}")`;
    throw new AppError('CONFIG_INVALID', `Invalid setting ${key}: ${issue?.message ?? 'invalid value'}${shown}. Fix it in .env or the environment (see .env.example).`);
  }
  const s = parsed.data;
  const resolve = (p: string) => path.resolve(cwd, p);
  const storeDir = resolve(s.STORE_DIR);
  const sharding = shardingOf(s.DISCORD_SHARDS, s.DISCORD_SHARD_LIST, s.DISCORD_TOTAL_SHARDS);
  if (s.STORE === 'postgres' && !s.DATABASE_URL) {
    throw new AppError('CONFIG_INVALID', 'Invalid setting DATABASE_URL: STORE=postgres needs DATABASE_URL=postgres://user:password@host:5432/dbname. Set it in .env or the environment, or set STORE=files.');
  }
  return {
    cwd,
    storeDir,
    store:
      s.STORE === 'postgres'
        ? { kind: 'postgres', databaseUrl: s.DATABASE_URL!, pollIntervalMs: s.DATABASE_POLL_INTERVAL_MS, connectTimeoutMs: s.DATABASE_CONNECT_TIMEOUT_MS, connectAttempts: s.DATABASE_CONNECT_ATTEMPTS }
        : { kind: 'files' },
    sources: s.SOURCES,
    embeddings: s.EMBEDDINGS,
    embeddingModel: s.EMBEDDING_MODEL,
    modelDir: resolve(s.MODEL_DIR),
    allowRemoteModels: s.ALLOW_REMOTE_MODELS,
    ...(s.MODEL_REMOTE_HOST ? { modelRemoteHost: s.MODEL_REMOTE_HOST } : {}),
    modelLoadTimeoutMs: s.MODEL_LOAD_TIMEOUT_MS,
    answer: { passages: s.ANSWER_PASSAGES, maxPassages: Math.max(s.ANSWER_MAX_PASSAGES, s.ANSWER_PASSAGES), minRelevance: s.ANSWER_MIN_RELEVANCE },
    questionMaxLength: s.QUESTION_MAX_LENGTH,
    reloadIntervalMs: s.RELOAD_INTERVAL_MS,
    url: { timeoutMs: s.URL_TIMEOUT_MS, maxBytes: s.URL_MAX_BYTES, allowPrivate: s.URL_ALLOW_PRIVATE },
    logLevel: s.LOG_LEVEL,
    discord: {
      token: s.DISCORD_TOKEN,
      clientId: s.DISCORD_CLIENT_ID,
      guildId: s.DISCORD_GUILD_ID,
      apiUrl: s.DISCORD_API_URL,
      cooldownSeconds: s.COOLDOWN_SECONDS,
      feedbackLog: s.FEEDBACK_LOG ? resolve(s.FEEDBACK_LOG) : path.join(storeDir, 'feedback.jsonl'),
      feedbackLogMaxBytes: s.FEEDBACK_LOG_MAX_BYTES,
      reingestAllowedUsers: s.REINGEST_ALLOWED_USERS,
      messageContent: s.DISCORD_MESSAGE_CONTENT,
      sharding,
    },
  };
}

/** Check the shard settings against each other: a machine's shard list must fit the total across machines. */
function shardingOf(shards: number | 'auto' | undefined, listText: string | undefined, total: number | undefined): ShardingConfig {
  const bad = (key: string, why: string) => new AppError('CONFIG_INVALID', `Invalid setting ${key}: ${why}. Fix it in .env or the environment (see .env.example).`);
  if (typeof shards === 'number' && total !== undefined && shards !== total) {
    throw bad('DISCORD_TOTAL_SHARDS', `it says ${total} shards but DISCORD_SHARDS says ${shards}; set one of them, or both alike`);
  }
  const totalShards = total ?? shards ?? 'auto';
  if (listText === undefined) return { totalShards, shardList: undefined };
  if (totalShards === 'auto') {
    throw bad('DISCORD_SHARD_LIST', 'a machine that runs part of the shards needs the total across all machines: set DISCORD_TOTAL_SHARDS too (the same on every machine)');
  }
  const ids: number[] = [];
  for (const part of listText.split(',')) {
    const [from, to = from] = part.split('-').map((n) => Number(n.trim())) as [number, number?];
    if (to < from) throw bad('DISCORD_SHARD_LIST', `the range ${part.trim()} runs backwards`);
    for (let id = from; id <= to && ids.length <= totalShards; id++) ids.push(id);
  }
  const outside = ids.find((id) => id >= totalShards);
  if (outside !== undefined) throw bad('DISCORD_SHARD_LIST', `shard ${outside} does not fit DISCORD_TOTAL_SHARDS=${totalShards} (shard ids run 0 to ${totalShards - 1})`);
  const twice = ids.find((id, i) => ids.indexOf(id) !== i);
  if (twice !== undefined) throw bad('DISCORD_SHARD_LIST', `shard ${twice} is listed twice`);
  return { totalShards, shardList: ids };
}

/**
 * dotenv silently skips lines it cannot parse, which turns a typo into a setting that is quietly
 * ignored. Check the shape of every line first, and name the line (never its value) when it is wrong.
 */
function readEnvFile(file: string): Record<string, string> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new AppError('CONFIG_INVALID', `Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}.`, { cause: error });
  }
  const lines = text.split(/\r?\n/);
  let openQuote: string | undefined;
  for (const [i, line] of lines.entries()) {
    if (openQuote) {
      if (line.includes(openQuote)) openQuote = undefined;
      continue;
    }
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const match = /^(?:export\s+)?[A-Za-z_][A-Za-z0-9_]*\s*=\s*(.*)$/.exec(trimmed);
    if (!match) {
      throw new AppError('CONFIG_INVALID', `${path.basename(file)} line ${i + 1} is not KEY=value. Fix or remove that line.`);
    }
    const value = match[1] ?? '';
    const quote = value[0];
    if ((quote === '"' || quote === "'" || quote === '`') && !value.slice(1).includes(quote)) openQuote = quote;
  }
  if (openQuote) throw new AppError('CONFIG_INVALID', `${path.basename(file)} has a quoted value that is never closed.`);
  return parseDotenv(text);
}

/** Prefixes of our settings' names: an unknown key starting with one is almost certainly meant for us. */
const OUR_PREFIXES = ['STORE_', 'EMBEDDING', 'MODEL_', 'ANSWER_', 'QUESTION_', 'RELOAD_', 'URL_', 'DISCORD_', 'COOLDOWN_', 'FEEDBACK_', 'REINGEST_', 'SOURCES'];

/**
 * A line for each key that is not a setting but looks like one: in the .env file, any unknown key that
 * is within 2 edits of a setting or shares its prefix; in the environment (which holds many unrelated
 * variables), only keys within 2 edits of a setting. Names only, never values.
 */
function unknownKeyWarnings(fileKeys: string[], envKeys: string[], fileName = '.env'): string[] {
  const known = Object.keys(schema.shape);
  const knownSet = new Set(known);
  const closest = (key: string) => {
    let best: { name: string; distance: number } | undefined;
    for (const name of known) {
      const distance = editDistance(key.toUpperCase(), name);
      if (!best || distance < best.distance) best = { name, distance };
    }
    return best!;
  };
  const warnings: string[] = [];
  const seen = new Set<string>();
  const check = (key: string, where: string, prefixCounts: boolean) => {
    if (knownSet.has(key) || seen.has(key)) return;
    const near = closest(key);
    const prefixed = prefixCounts && OUR_PREFIXES.some((p) => key.toUpperCase().startsWith(p));
    if (near.distance > 2 && !prefixed) return;
    seen.add(key);
    warnings.push(`unknown setting ${key} in ${where} is ignored${near.distance <= 3 ? ` (did you mean ${near.name}?)` : ''}; see .env.example for the settings.`);
  };
  for (const key of fileKeys) check(key, fileName, true);
  for (const key of envKeys) if (key.length >= 6) check(key, 'the environment', false);
  return warnings;
}

/** Levenshtein distance; names are short, so the plain table is fine. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

function truncate(value: string | undefined): string {
  if (!value) return '';
  return value.length > 40 ? `${value.slice(0, 40)}…` : value;
}
