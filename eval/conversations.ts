// Scores conversations: each conversation of eval/sets/conversations.jsonl is played through the
// product's conversation core (createConversations over the real answerer) and every turn is also
// asked alone, so the figures say what context adds and what it must not take away:
//  - follow-up turns quoting the right passage first (against the same lines asked with no context);
//  - first turns, in a conversation vs alone (must lose nothing);
//  - self-contained questions after a conversation answered exactly as alone (identical answers);
//  - "more" turns continuing with new passages of the same answer.
import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import { readFileSync } from 'node:fs';
import { createAnswerer } from '../src/answer/answer-question.js';
import { createConversations, type ConversationReply } from '../src/answer/conversation.js';
import { buildNameCatalog } from '../src/answer/names.js';
import { LocalEmbeddings } from '../src/embeddings/local-embeddings.js';
import { AppError } from '../src/errors.js';
import type { Answer } from '../src/types.js';
import { buildEvalIndex, readCorpus } from './eval-index.js';
import { normalizeForMatch } from './score.js';
import { getLexicon } from '../src/text/lexicon.js';

const turnSchema = z.object({
  question: z.string().min(1),
  answerable: z.boolean(),
  expect: z.array(z.string().min(1)),
  followUp: z.boolean().optional(),
  more: z.boolean().optional(),
});
const conversationSchema = z.object({ id: z.string().min(1), turns: z.array(turnSchema).min(1) });

export type EvalTurn = z.infer<typeof turnSchema>;
export type EvalConversation = z.infer<typeof conversationSchema>;

/** Parse a conversations file (JSON lines, `//` comments allowed). Throws AppError('CONFIG_INVALID') naming the line. */
export function parseConversations(text: string, name: string): EvalConversation[] {
  const out: EvalConversation[] = [];
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    if (raw.trim() === '' || raw.trim().startsWith('//')) continue;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      throw new AppError('CONFIG_INVALID', `${name} line ${i + 1} is not JSON. Each line must be {"id","turns":[{"question","answerable","expect"}, ...]}.`);
    }
    const parsed = conversationSchema.safeParse(value);
    if (!parsed.success) throw new AppError('CONFIG_INVALID', `${name} line ${i + 1}: ${parsed.error.issues[0]?.path.join('.') ?? 'value'} ${parsed.error.issues[0]?.message ?? 'is invalid'}.`);
    for (const [t, turn] of parsed.data.turns.entries()) {
      if (turn.answerable && !turn.more && turn.expect.length === 0) throw new AppError('CONFIG_INVALID', `${name} line ${i + 1}: turn ${t + 1} is answerable but has no expect phrase.`);
      if (t > 0 && turn.followUp === undefined && !turn.more) throw new AppError('CONFIG_INVALID', `${name} line ${i + 1}: turn ${t + 1} must say followUp (true/false) or more.`);
    }
    out.push(parsed.data);
  }
  if (out.length === 0) throw new AppError('CONFIG_INVALID', `${name} has no conversations.`);
  return out;
}

/** Read and parse a conversations file; throws AppError('SOURCE_NOT_FOUND') when it cannot be read. */
export function readConversations(file: string): EvalConversation[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new AppError('SOURCE_NOT_FOUND', `Cannot read the conversations file ${file}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}.`, { cause: error });
  }
  return parseConversations(text, file);
}

export interface TurnResult {
  conversation: string;
  turn: number;
  role: 'first' | 'follow-up' | 'self-contained' | 'more';
  question: string;
  /** The reading note when context was used. */
  reading?: string;
  correct: boolean;
  /** The same line asked with no conversation. */
  correctAlone: boolean;
  /** In-conversation answer deep-equals the answer alone. */
  identicalToAlone: boolean;
  quoted?: string;
}

export interface ConversationReport {
  conversations: number;
  turns: TurnResult[];
  /** Shares in [0, 1]; higher is better. `n` = how many turns each is over. */
  followUp: { n: number; rightFirst: number; rightFirstAlone: number; wronglyDeclined: number };
  first: { n: number; rightFirst: number; rightFirstAlone: number; identical: number };
  selfContained: { n: number; identical: number; rightFirst: number };
  more: { n: number; continued: number };
}

function rightFirst(turn: EvalTurn, answer: Answer, offset: number): boolean {
  if (!turn.answerable) return !answer.answered && answer.passages.length === 0;
  const first = answer.passages[offset];
  if (!first) return false;
  const text = normalizeForMatch(first.passage.text);
  return turn.expect.map(normalizeForMatch).some((e) => text.includes(e));
}

/** Play every conversation through the product over `corpus` and score each turn. */
export async function runConversationEval(options: { corpus: string; cwd: string; conversations: EvalConversation[]; pageSize?: number }): Promise<ConversationReport> {
  const embeddings = new LocalEmbeddings();
  const index = await buildEvalIndex(readCorpus(options.corpus, options.cwd), embeddings);
  const pageSize = options.pageSize ?? 3;
  const answer = createAnswerer(index, embeddings, { passages: pageSize, maxPassages: 9 });
  const lexicon = getLexicon();
  const names = buildNameCatalog(index, lexicon);
  const conversations = createConversations({ answer, lexicon, names: () => names, pageSize });
  const turns: TurnResult[] = [];
  for (const conversation of options.conversations) {
    let previous: ConversationReply | undefined;
    for (const [t, turn] of conversation.turns.entries()) {
      const reply = await conversations.ask(conversation.id, turn.question);
      const alone = await answer(turn.question);
      const role: TurnResult['role'] = t === 0 ? 'first' : turn.more ? 'more' : turn.followUp ? 'follow-up' : 'self-contained';
      let correct: boolean;
      if (role === 'more') {
        // A continuation shows passages of the same answer that the page before did not.
        const before = new Set(previous ? previous.answer.passages.slice(previous.offset, previous.offset + pageSize).map((p) => p.passage.id) : []);
        const page = reply.answer.passages.slice(reply.offset, reply.offset + pageSize);
        // Or, when the answer before had nothing further, an empty page (the reply says there are no more passages).
        const nothingLeft = previous !== undefined && previous.answer.passages.length <= previous.offset + pageSize;
        const same = reply.kind === 'more' && reply.answer.question === previous?.answer.question;
        correct = same && (nothingLeft ? page.length === 0 : page.length > 0 && page.every((p) => !before.has(p.passage.id)));
      } else correct = rightFirst(turn, reply.answer, reply.offset);
      turns.push({
        conversation: conversation.id,
        turn: t + 1,
        role,
        question: turn.question,
        ...(reply.reading ? { reading: reply.reading.note } : {}),
        correct,
        correctAlone: role === 'more' ? false : rightFirst(turn, alone, 0),
        identicalToAlone: isDeepStrictEqual(reply.answer, alone) && reply.offset === 0 && reply.reading === undefined,
        ...(reply.answer.passages[reply.offset] ? { quoted: reply.answer.passages[reply.offset]!.passage.text.slice(0, 120) } : {}),
      });
      previous = reply;
    }
  }
  const share = (n: number, of: number) => (of === 0 ? 0 : n / of);
  const of = (role: TurnResult['role']) => turns.filter((r) => r.role === role);
  const followUps = of('follow-up');
  const firsts = of('first');
  const fresh = of('self-contained');
  const mores = of('more');
  const declinedWrongly = followUps.filter((r) => {
    const turn = options.conversations.find((c) => c.id === r.conversation)!.turns[r.turn - 1]!;
    return turn.answerable && !r.correct && r.quoted === undefined;
  }).length;
  return {
    conversations: options.conversations.length,
    turns,
    followUp: {
      n: followUps.length,
      rightFirst: share(followUps.filter((r) => r.correct).length, followUps.length),
      rightFirstAlone: share(followUps.filter((r) => r.correctAlone).length, followUps.length),
      wronglyDeclined: declinedWrongly,
    },
    first: {
      n: firsts.length,
      rightFirst: share(firsts.filter((r) => r.correct).length, firsts.length),
      rightFirstAlone: share(firsts.filter((r) => r.correctAlone).length, firsts.length),
      identical: share(firsts.filter((r) => r.identicalToAlone).length, firsts.length),
    },
    selfContained: {
      n: fresh.length,
      identical: share(fresh.filter((r) => r.identicalToAlone).length, fresh.length),
      rightFirst: share(fresh.filter((r) => r.correct).length, fresh.length),
    },
    more: { n: mores.length, continued: share(mores.filter((r) => r.correct).length, mores.length) },
  };
}

/** The report as text: misses first, the summary last (so a run's last lines are the figures). */
export function formatConversationReport(report: ConversationReport): string {
  const pct = (x: number) => `${(x * 100).toFixed(0)}%`;
  const lines: string[] = [];
  const misses = report.turns.filter((r) => !r.correct);
  if (misses.length > 0) {
    lines.push('Misses:');
    for (const m of misses) lines.push(`  ${m.conversation} turn ${m.turn} (${m.role}) "${m.question}"${m.reading ? ` [${m.reading}]` : ''} -> ${m.quoted ? `"${m.quoted}…"` : 'declined'}`);
    lines.push('');
  }
  lines.push(
    `Conversations: ${report.conversations}, turns: ${report.turns.length}`,
    `Follow-up turns right passage first:      ${pct(report.followUp.rightFirst)} of ${report.followUp.n} (same lines asked alone: ${pct(report.followUp.rightFirstAlone)}; answerable ones declined: ${report.followUp.wronglyDeclined})`,
    `First turns right first, in conversation: ${pct(report.first.rightFirst)} of ${report.first.n} (alone: ${pct(report.first.rightFirstAlone)}; identical answers: ${pct(report.first.identical)})`,
    `Self-contained after a conversation, identical to alone: ${pct(report.selfContained.identical)} of ${report.selfContained.n} (right first: ${pct(report.selfContained.rightFirst)})`,
    `"more" turns continuing with new passages: ${pct(report.more.continued)} of ${report.more.n}`,
  );
  return lines.join('\n');
}
