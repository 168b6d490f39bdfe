// Conversations over the real answerer and the bundled article: follow-ups read against the turn
// before, fresh questions answered exactly as alone, and the store's bounds (idle, turns, count).
import { beforeAll, describe, expect, it } from 'vitest';
import { createAnswerer } from '../src/answer/answer-question.js';
import { createConversations } from '../src/answer/conversation.js';
import { readFollowUp, contextOf, topicOf } from '../src/answer/follow-up.js';
import { buildNameCatalog, type NameCatalog } from '../src/answer/names.js';
import { BUNDLED_ARTICLE } from '../src/config.js';
import { LocalEmbeddings } from '../src/embeddings/local-embeddings.js';
import { AppError } from '../src/errors.js';
import { buildEvalIndex, readCorpus } from '../eval/eval-index.js';
import type { Answer } from '../src/types.js';
import { makeDocument } from './helpers/index-fixtures.js';
import { repoRoot } from './helpers/run-cli.js';
import { getLexicon } from '../src/text/lexicon.js';

let answer: (q: string) => Promise<Answer>;
let names: NameCatalog;

beforeAll(async () => {
  const embeddings = new LocalEmbeddings();
  const index = await buildEvalIndex(readCorpus(BUNDLED_ARTICLE, repoRoot), embeddings);
  answer = createAnswerer(index, embeddings, { passages: 3, maxPassages: 9 });
  names = buildNameCatalog(index, getLexicon());
});

const firstQuote = (a: Answer, offset = 0) => {
  const q = a.passages[offset];
  return q ? q.passage.text : '';
};

describe('conversations over the bundled article', () => {
  it('reads "he" as the person the previous question named, and says so', async () => {
    const conversations = createConversations({ answer, lexicon: getLexicon(), names: () => names, pageSize: 3 });
    await conversations.ask('s', 'Who is Ron Dermer?');
    const reply = await conversations.ask('s', 'What did he say?');
    expect(reply.reading?.note).toBe("Reading 'he' as Ron Dermer.");
    expect(reply.answer.question).toBe('What did Ron Dermer say?');
    expect(reply.answer.answered).toBe(true);
    expect(firstQuote(reply.answer)).toContain('full confidence');
  });

  it('reads "it" as the thing a "What was X?" question asked about', async () => {
    const conversations = createConversations({ answer, lexicon: getLexicon(), names: () => names, pageSize: 3 });
    await conversations.ask('s', 'What was the Stuxnet attack?');
    const reply = await conversations.ask('s', 'Who approved it?');
    expect(reply.reading?.question).toBe('Who approved the Stuxnet attack?');
    expect(firstQuote(reply.answer)).toContain('go-ahead');
  });

  it('completes "Why?" from the previous question and quotes the passage that explains it', async () => {
    const conversations = createConversations({ answer, lexicon: getLexicon(), names: () => names, pageSize: 3 });
    await conversations.ask('s', "What happened to Israel's intelligence ties with Turkey?");
    const reply = await conversations.ask('s', 'Why?');
    expect(reply.reading?.note).toMatch(/^Reading "Why\?" as .*Turkey/);
    expect(firstQuote(reply.answer)).toContain('leaking to Iran');
  });

  it('pages on with "more" without asking anything new, then says when nothing is left', async () => {
    const conversations = createConversations({ answer, lexicon: getLexicon(), names: () => names, pageSize: 3 });
    const first = await conversations.ask('s', 'What did Trump share with the Russians?');
    const more = await conversations.ask('s', 'tell me more');
    expect(more.kind).toBe('more');
    expect(more.offset).toBe(3);
    expect(more.answer.question).toBe(first.answer.question);
    expect(more.answer.passages.map((p) => p.passage.id)).toEqual(first.answer.passages.map((p) => p.passage.id));
    const again = await conversations.ask('s', 'more');
    expect(again.offset).toBe(6);
  });

  it('answers a self-contained question after a conversation exactly as it would be alone', async () => {
    const conversations = createConversations({ answer, lexicon: getLexicon(), names: () => names, pageSize: 3 });
    await conversations.ask('s', 'Who is Ron Dermer?');
    await conversations.ask('s', 'What did he say?');
    for (const question of ['Which Turkish leader was in the Oval Office?', 'What did Trump say about his allies?', 'What is the Five Eyes group?']) {
      const inConversation = await conversations.ask('s', question);
      expect(inConversation.reading).toBeUndefined();
      expect(inConversation.answer).toEqual(await answer(question));
    }
  });

  it('answers a follow-up with no conversation, an expired one, or a forgotten one as any question, never an error', async () => {
    let clock = 0;
    const conversations = createConversations({ answer, lexicon: getLexicon(), names: () => names, pageSize: 3, idleMs: 1000, now: () => clock });
    const alone = await conversations.ask('new', 'What did he say?');
    expect(alone.reading).toBeUndefined();
    expect(alone.answer).toEqual(await answer('What did he say?'));

    await conversations.ask('old', 'Who is Ron Dermer?');
    clock = 5000;
    const expired = await conversations.ask('old', 'What did he say?');
    expect(expired.reading).toBeUndefined();

    await conversations.ask('gone', 'Who is Ron Dermer?');
    conversations.forget('gone');
    expect((await conversations.ask('gone', 'more')).kind).toBe('question');
  });

  it('passes a bad line through as the answerer\'s typed error and keeps the conversation', async () => {
    const conversations = createConversations({
      answer: async (q) => {
        if (q.trim() === '') throw new AppError('QUESTION_EMPTY', 'Ask a question.');
        return answer(q);
      },
      names: () => names,
      lexicon: getLexicon(),
      pageSize: 3,
    });
    await conversations.ask('s', 'Who is Ron Dermer?');
    await expect(conversations.ask('s', '   ')).rejects.toMatchObject({ code: 'QUESTION_EMPTY' });
    expect((await conversations.ask('s', 'What did he say?')).reading?.note).toBe("Reading 'he' as Ron Dermer.");
  });
});

describe('follow-ups as people type them', () => {
  it('reads a follow-up through Discord noise, and a question about the article itself as fresh', async () => {
    const conversations = createConversations({ answer, lexicon: getLexicon(), names: () => names, pageSize: 3 });
    await conversations.ask('s', 'Who is Ron Dermer?');
    expect((await conversations.ask('s', '<@123456789012345678> what did **he** say??')).reading?.question).toBe('what did Ron Dermer say?');
    const about = await conversations.ask('s', 'Who wrote this?');
    expect(about.reading).toBeUndefined();
    expect(about.answer).toEqual(await answer('Who wrote this?'));
  });

  it('answers a follow-up as typed when completing it would make it too long to ask', async () => {
    const limited = async (q: string) => {
      if (q.length > 56) throw new AppError('QUESTION_TOO_LONG', 'Too long.');
      return answer(q);
    };
    const conversations = createConversations({ answer: limited, lexicon: getLexicon(), names: () => names, pageSize: 3 });
    await conversations.ask('s', 'What did Israel provide to the U.S. about ISIS plans?');
    const reply = await conversations.ask('s', 'Why?');
    expect(reply.reading).toBeUndefined();
    expect(reply.answer.question).toBe('Why?');
  });
});

describe('conversation bounds', () => {
  const fake = async (question: string): Promise<Answer> => ({ question, answered: false, passages: [], suggestions: [] });

  it('stays forgotten when it is forgotten (a deleted thread) while one of its questions is being answered', async () => {
    let release: () => void = () => undefined;
    const slow = async (question: string): Promise<Answer> => {
      await new Promise<void>((resolve) => (release = resolve));
      return fake(question);
    };
    const conversations = createConversations({ answer: slow, lexicon: getLexicon(), pageSize: 3 });
    const pending = conversations.ask('thread', 'Who is Alice Smith?');
    conversations.forget('thread');
    release();
    await pending;
    expect(conversations.has('thread')).toBe(false);
    // A question asked after the forgetting starts and keeps a conversation as usual.
    const again = conversations.ask('thread', 'Who is Bob Jones?');
    release();
    await again;
    expect(conversations.has('thread')).toBe(true);
  });

  it('keeps at most maxConversations, forgetting the least recently used first', async () => {
    const conversations = createConversations({ answer: fake, lexicon: getLexicon(), pageSize: 3, maxConversations: 2 });
    await conversations.ask('a', 'Who is Alice Smith?');
    await conversations.ask('b', 'Who is Bob Jones?');
    await conversations.ask('a', 'Where does she live?');
    await conversations.ask('c', 'Who is Carol King?');
    expect(conversations.size()).toBe(2);
    expect(conversations.has('a')).toBe(true);
    expect(conversations.has('b')).toBe(false);
  });

  it('starts afresh after maxTurns turns', async () => {
    const conversations = createConversations({ answer: fake, lexicon: getLexicon(), pageSize: 3, maxTurns: 2 });
    await conversations.ask('a', 'Who is Alice Smith?');
    expect((await conversations.ask('a', 'Where does she live?')).reading).toBeDefined();
    expect((await conversations.ask('a', 'What does she do?')).reading).toBeUndefined();
  });

  it('seeds a conversation from an answer shown elsewhere and forks it to a new id', async () => {
    const conversations = createConversations({ answer: fake, lexicon: getLexicon(), pageSize: 3 });
    conversations.seed('m1', { question: 'Who is Alice Smith?', answered: false, passages: [], suggestions: [] });
    expect(conversations.fork('m1', 'm2')).toBe(true);
    expect(conversations.fork('nope', 'm3')).toBe(false);
    expect((await conversations.ask('m2', 'Where does she live?')).answer.question).toBe('Where does Alice Smith live?');
  });
});

describe('reading follow-ups against names the text itself uses', () => {
  // A made-up text: nothing here is the bundled article's.
  const { document } = makeDocument('t', [
    'The mayor of Springfield, Joan Alvarez, opened the new bridge on Monday. She said it cost twelve million dollars.',
    'Critics in the Harbor Council said the bridge was late. They asked the Ministry of Works for an audit, and it agreed.',
    'Alvarez met Peter Quinn, who leads the council. He promised to support her next budget.',
  ]);
  const catalog = buildNameCatalog({ documents: [document] }, getLexicon());

  it('learns who is a person and which pronoun the text uses for them', () => {
    expect(catalog.lookup('Joan Alvarez')).toMatchObject({ person: true, gender: 'female' });
    expect(catalog.lookup('Peter Quinn')).toMatchObject({ person: true, gender: 'male' });
    expect(catalog.lookup('Springfield')?.person).toBe(false);
  });

  it('picks the referent whose gender fits the pronoun', () => {
    const context = contextOf('What did Peter Quinn say to Joan Alvarez?', undefined, catalog, getLexicon());
    const she = readFollowUp('What did she reply?', context, catalog, getLexicon());
    expect(she).toMatchObject({ kind: 'resolved', question: 'What did Joan Alvarez reply?' });
    const he = readFollowUp('Who does he lead?', context, catalog, getLexicon());
    expect(he).toMatchObject({ kind: 'resolved', question: 'Who does Peter Quinn lead?' });
  });

  it('swaps the subject for "And X?" and finds names typed in lower case', () => {
    const context = contextOf('What did the Harbor Council ask for?', undefined, catalog, getLexicon());
    expect(readFollowUp('And the Ministry of Works?', context, catalog, getLexicon())).toMatchObject({ question: 'What did the Ministry of Works ask for?' });
    expect(catalog.find('who is joan alvarez').map((m) => m.surface)).toEqual(['Joan Alvarez']);
  });

  it('treats a question naming its own subject as fresh, and "more" with no conversation as a question', () => {
    const context = contextOf('Who is Joan Alvarez?', undefined, catalog, getLexicon());
    expect(readFollowUp('When did Peter Quinn meet Alvarez?', context, catalog, getLexicon())).toEqual({ kind: 'fresh' });
    expect(readFollowUp('What did the bridge cost?', context, catalog, getLexicon())).toEqual({ kind: 'fresh' });
    expect(readFollowUp('more', undefined, catalog, getLexicon())).toEqual({ kind: 'fresh' });
    expect(readFollowUp('go on', context, catalog, getLexicon())).toEqual({ kind: 'more' });
  });

  it('finds the thing a question asks about', () => {
    expect(topicOf('What was the new bridge?', getLexicon())).toBe('the new bridge');
    expect(topicOf('Who is Joan Alvarez?', getLexicon())).toBe('Joan Alvarez');
    expect(topicOf('What happened to the bridge?', getLexicon())).toBe('the bridge');
  });
});
