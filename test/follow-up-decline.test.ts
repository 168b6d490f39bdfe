// Follow-ups judged on what they ask themselves, over a made-up text (nothing here is the bundled article's or a
// question set's): "Who designed it?" completed as "Who designed the longest footbridge in Norland?" holds mostly
// words the answer before covered by construction; when the first passage has no trace of the typed words and lacks
// the kind of answer asked (a person for "who", a number for "how much"), the follow-up is declined like any question
// the text does not answer. A follow-up the text does answer in other words ("gave the go-ahead") is not.
import { beforeAll, describe, expect, it } from 'vitest';
import { createAnswerer, type Answerer } from '../src/answer/answer-question.js';
import { createConversations } from '../src/answer/conversation.js';
import { buildNameCatalog, type NameCatalog } from '../src/answer/names.js';
import { LocalEmbeddings } from '../src/embeddings/local-embeddings.js';
import { buildLoadedIndex } from '../src/index-store/build-index.js';
import { getLexicon } from '../src/text/lexicon.js';
import { makeDocument } from './helpers/index-fixtures.js';

const TEXT = [
  'Between Alva and Orlen the Tamber Bridge, the longest footbridge in Norland, crosses the wide river.',
  'The Kemp Viaduct carries the railway over the valley of the Kemp. Mayor Anna Strand gave the go-ahead for the viaduct in 1902, and she opened it two years later.',
  'The town museum keeps the oldest steam pump of the region, a beam engine from the mill at Orlen.',
  'The river floods most winters, and the old quays of Alva are closed when the water is high.',
];

let answer: Answerer;
let names: NameCatalog;

beforeAll(async () => {
  const { document, passages } = makeDocument('norland', TEXT);
  const embeddings = new LocalEmbeddings();
  const index = await buildLoadedIndex({ documents: [document], passages, embeddings });
  answer = createAnswerer(index, embeddings, { passages: 3, maxPassages: 5 });
  names = buildNameCatalog(index);
});

const talk = () => createConversations({ answer, lexicon: getLexicon(), names: () => names, pageSize: 3 });

describe('a follow-up standing only on the words the conversation filled in', () => {
  it('declines "Who designed it?" when the passage names no one, and "How much did it cost?" when it holds no number', async () => {
    const conversations = talk();
    const first = await conversations.ask('a', 'What is the longest footbridge in Norland?');
    expect(first.answer.answered).toBe(true);
    const who = await conversations.ask('a', 'Who designed it?');
    expect(who.reading?.question).toBe('Who designed the longest footbridge in Norland?');
    expect(who.answer.answered).toBe(false);
    await conversations.ask('b', 'What does the town museum keep?');
    const cost = await conversations.ask('b', 'How much did it cost?');
    expect(cost.reading).toBeDefined();
    expect(cost.answer.answered).toBe(false);
  });

  it('answers a follow-up the passage answers in other words, with the person asked for', async () => {
    const conversations = talk();
    await conversations.ask('c', 'What is the Kemp Viaduct?');
    const who = await conversations.ask('c', 'Who approved it?');
    expect(who.reading?.question).toBe('Who approved the Kemp Viaduct?');
    expect(who.answer.answered).toBe(true);
    expect(who.answer.passages[0]!.passage.text).toContain('go-ahead');
  });

  it('leaves the same completed question asked as typed to the other rules', async () => {
    const alone = await answer('Who designed the longest footbridge in Norland?');
    const followUp = await answer('Who designed the longest footbridge in Norland?', { typed: 'Who designed it?' });
    expect(followUp.answered).toBe(false);
    expect(alone.passages[0]?.passage.text).toContain('Tamber Bridge');
  });
});
