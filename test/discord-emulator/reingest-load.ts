// Drives /reingest while many users ask questions, against a bot started on the emulator (loopback
// only, bounded in users and time). Used by the end-to-end test (small) and by bench/reingest-load.ts
// (10 MB source, 50 users), which prints the figures.
import type { DiscordEmulator, InteractionResponse } from './emulator.js';
import { PERMISSIONS } from './emulator.js';

export interface LoadRunOptions {
  emulator: DiscordEmulator;
  /** Concurrent askers; each asks, waits for its reply, and asks again until the re-ingest is done. */
  users: number;
  /** The questions askers cycle through. */
  questions: string[];
  /** /reingest options, e.g. { url } for a page. */
  reingestOptions?: Record<string, string>;
  /** Pause between a user's reply and their next question (ms); 0 saturates the bot. */
  thinkMs?: number;
  /** Give up on the whole run after this long. */
  timeoutMs: number;
}

export interface LoadRunResult {
  questions: number;
  /** Questions answered or declined by the core (not an error line), replies that never came, and error replies. */
  answered: number;
  lost: number;
  failed: number;
  /** Acknowledgement latencies of every interaction, /reingest included, sorted ascending (ms). */
  acks: number[];
  /** Interactions acknowledged after Discord's 3 s, or never. */
  late: number;
  reingestReply: string;
  reingestSeconds: number;
  /** The five slowest acknowledgements: when they were sent (ms after /reingest) and how long they took. */
  slowest: { sentAtMs: number; latencyMs: number }[];
}

/** What a reply that is an error (not an answer or a decline) looks like. */
const ERROR_REPLY = /Something went wrong|not built yet|try again/i;

export async function runReingestUnderLoad(options: LoadRunOptions): Promise<LoadRunResult> {
  const { emulator, users, questions, timeoutMs } = options;
  const deadline = Date.now() + timeoutMs;
  const acks: number[] = [];
  const timed: { sentAtMs: number; latencyMs: number }[] = [];
  let late = 0;
  const origin = Date.now();
  const track = (acknowledged: Promise<{ latencyMs: number }>, sentAt = Date.now()) =>
    acknowledged.then(
      (ack) => {
        acks.push(ack.latencyMs);
        timed.push({ sentAtMs: sentAt - origin, latencyMs: ack.latencyMs });
        if (ack.latencyMs > 3_000) late++;
      },
      () => {
        late++;
      },
    );

  // A serving bot has answered before: one unmeasured round first, so process cold start (JIT, lazy
  // caches, the first burst of 50 users at once) is not billed to the re-ingest.
  const people = Array.from({ length: users }, (_, k) => emulator.addUser(`load-user-${k}`));
  await Promise.all(
    people.map((user, k) => emulator.sendCommand('ask', { question: `${questions[k % questions.length]} (warm-up)` }, { user }).reply(timeoutMs).catch(() => undefined)),
  );

  let reingestDone = false;
  const started = performance.now();
  const admin = emulator.addUser('load-admin');
  const reingest = emulator.sendCommand('reingest', options.reingestOptions ?? {}, { user: admin, memberPermissions: PERMISSIONS.manageGuild });
  const reingestAck = track(reingest.acknowledged);
  const reingestReply = reingest
    .waitFor((r) => r.kind === 'edit-original', timeoutMs, 'the /reingest result')
    .then((r: InteractionResponse) => String(r.message?.content ?? r.body?.content ?? ''))
    .finally(() => {
      reingestDone = true;
    });

  let asked = 0;
  let answered = 0;
  let lost = 0;
  let failed = 0;
  const asker = async (k: number) => {
    const user = people[k]!;
    // Ask at least once after the re-ingest ends too, so answers from the new index are checked.
    let afterDone = false;
    while (!afterDone && Date.now() < deadline) {
      afterDone = reingestDone;
      const n = asked++;
      const question = `${questions[n % questions.length]} (${n})`;
      const handle = emulator.sendCommand('ask', { question }, { user });
      const ack = track(handle.acknowledged);
      try {
        const reply = await handle.reply(Math.max(1_000, deadline - Date.now()));
        const text = `${reply.message?.content ?? reply.body?.content ?? ''} ${JSON.stringify(reply.message?.embeds ?? reply.body?.embeds ?? [])}`;
        if (ERROR_REPLY.test(text)) failed++;
        else answered++;
      } catch {
        lost++;
      }
      await ack;
      if (options.thinkMs) await new Promise((resolve) => setTimeout(resolve, options.thinkMs));
    }
  };
  await Promise.all(Array.from({ length: users }, (_, k) => asker(k)));
  const reply = await reingestReply.catch((error: unknown) => `no reply: ${(error as Error).message}`);
  const reingestSeconds = (performance.now() - started) / 1000;
  await reingestAck;
  const slowest = timed.sort((a, b) => b.latencyMs - a.latencyMs).slice(0, 5);
  return { questions: asked, answered, lost, failed, acks: acks.sort((a, b) => a - b), late, reingestReply: reply, reingestSeconds, slowest };
}

/** A number from a sorted list at quantile q (0..1). */
export const quantile = (sorted: number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
