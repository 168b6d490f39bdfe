import { describe, expect, it } from 'vitest';
import { aboutTopic } from '../src/answer/about-intent.js';
import { cleanQuestion } from '../src/text/clean-question.js';
import { getLexicon } from '../src/text/lexicon.js';
import { createAnswerer } from '../src/answer/answer-question.js';
import { LocalEmbeddings } from '../src/embeddings/local-embeddings.js';
import { formatAnswerForDiscord } from '../src/discord/format-discord.js';
import { formatAnswerText } from '../src/format/format-text.js';
import { buildLoadedIndex } from '../src/index-store/build-index.js';
import { makeDocument } from './helpers/index-fixtures.js';

// A made-up report, nothing to do with the bundled article.
const HARBOUR = [
  'The port authority of Valdoria voted on Monday to close the old harbour to cargo ships after a decade of silting.',
  'Dredging the harbour would cost more than the city earns from it in twenty years, the authority said in its report.',
  'Fishermen, who keep their boats in the old harbour, protested outside the town hall and asked for a delay.',
  'The cargo ships will move to the new deep-water terminal north of the city, which opened last spring.',
  'The mayor promised that the fishing fleet would keep its moorings and that the closure applies to cargo only.',
];
const FARMS = [
  'Wheat farmers in the eastern plains expect the smallest harvest in thirty years after a dry spring.',
  'The agriculture ministry will pay compensation to farms that lost more than half of their crop.',
];

async function answererFor(docs: { id: string; paragraphs: string[]; title?: string; author?: string }[]) {
  const built = docs.map((d) => {
    const { document, passages } = makeDocument(d.id, d.paragraphs, d.title);
    if (d.author) document.metadata.author = d.author;
    return { document, passages };
  });
  const embeddings = new LocalEmbeddings();
  const index = await buildLoadedIndex({ documents: built.map((b) => b.document), passages: built.flatMap((b) => b.passages), embeddings });
  return createAnswerer(index, embeddings, { passages: 3, maxPassages: 5 });
}

describe('recognising questions about the article itself', () => {
  it('reads the topic from many phrasings', () => {
    const cases: [string, string][] = [
      ["What's this piece about?", 'summary'],
      ['tl;dr', 'summary'],
      ['TLDR pls', 'summary'],
      ['give me the gist', 'summary'],
      ['whats the central point', 'argument'],
      ['Can you sum it up in two sentences?', 'summary'],
      ["who's the author", 'author'],
      ['Who wrote this story?', 'author'],
      ['what is the headline', 'title'],
      ["what's the article called?", 'title'],
      ['What is the main argument?', 'argument'],
      ['What point is the writer making?', 'argument'],
      ['how does the story end', 'ending'],
      ['How does it begin?', 'beginning'],
      ['Which documents do you have?', 'documents'],
      ['When was it published?', 'date'],
      ['what is the subheading', 'standfirst'],
      // Set phrases and chat phrasings: families, not single strings.
      ['in a nutshell?', 'summary'],
      ['short version pls', 'summary'],
      ['long story short?', 'summary'],
      ['what does this piece cover', 'summary'],
      ["what's the story here", 'summary'],
      ['whats the bottom line', 'argument'],
      ["what's the take-home message of the article", 'argument'],
      ["what's the line under the headline", 'standfirst'],
      ['what does it say below the title', 'standfirst'],
      ['which articles can you answer questions about', 'documents'],
      ['what can i ask you about', 'documents'],
      ["who's behind this piece", 'author'],
      ['whose article is this', 'author'],
      ['main idea?', 'argument'],
      ["what is the writer's opinion", 'argument'],
      ['what does the author think', 'argument'],
      ['why was this written', 'argument'],
      ['what are the key takeaways', 'argument'],
      ['how old is this article', 'date'],
      ['which docs do you have', 'documents'],
      ['explain the article', 'summary'],
      ['break it down for me', 'summary'],
      // Mistyped: an unknown word one letter from a word about articles.
      ['sumary pls', 'summary'],
      ['who is the autor', 'author'],
      ['whats the headlne', 'title'],
    ];
    for (const [question, topic] of cases) expect(aboutTopic(cleanQuestion(question), getLexicon()), question).toBe(topic);
  });

  it('leaves questions about what the article says to retrieval', () => {
    for (const question of ['Who wrote the report on dredging?', 'What is the harbour about to lose?', 'When will the terminal open?', 'Who was first to protest?', 'What did the mayor promise?', 'What is the title of the mayor?',
      "what's the store", "what's the bottom line on the dredging cost", 'who is behind the protest', "what's the mayor's take on the harbour", 'how old is the terminal', 'break down the dredging cost', 'what does the harbour cover', 'what is the story of the fishermen', 'the short version of the terminal plan?']) {
      expect(aboutTopic(cleanQuestion(question), getLexicon()), question).toBeUndefined();
    }
  });
});

describe('answering questions about the article itself', () => {
  it('summarises with a few central sentences quoted verbatim, in article order, with the headline and byline as metadata', async () => {
    const answer = await answererFor([{ id: 'harbour.txt', paragraphs: HARBOUR, title: 'Valdoria closes its old harbour to cargo', author: 'Mira Solberg' }]);
    const reply = await answer('Can you summarise the article?');
    expect(reply.answered).toBe(true);
    expect(reply.about?.documents[0]).toMatchObject({ title: 'Valdoria closes its old harbour to cargo', author: 'Mira Solberg' });
    expect(reply.passages.length).toBeGreaterThanOrEqual(2);
    const order = reply.passages.map((q) => q.passage.start);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    for (const q of reply.passages) {
      expect(HARBOUR).toContain(q.passage.text);
      expect(q.highlights.length).toBeGreaterThan(0);
      // The byline is metadata: never inside a quote.
      expect(q.passage.text).not.toContain('Mira Solberg');
    }
    const shown = formatAnswerText(reply, { count: 3 });
    expect(shown).toContain('by Mira Solberg');
    expect(shown).toMatch(/\[1\] paragraph \d/);
  });

  it('gives the author and the headline from metadata, and declines when the page does not say', async () => {
    const answer = await answererFor([{ id: 'harbour.txt', paragraphs: HARBOUR, title: 'Valdoria closes its old harbour to cargo', author: 'Mira Solberg' }]);
    const author = await answer('Who wrote this?');
    expect(author.answered).toBe(true);
    expect(author.passages).toEqual([]);
    expect(formatAnswerText(author, { count: 3 })).toBe("by Mira Solberg (from the page's byline)");
    const onDiscord = formatAnswerForDiscord(author, { count: 3 });
    expect(onDiscord.content).toContain('by Mira Solberg');
    expect(onDiscord.embeds).toEqual([]);
    expect(formatAnswerText(await answer("What's the headline?"), { count: 3 })).toBe('Headline: “Valdoria closes its old harbour to cargo”');
    // No date is kept for the page: declined, not a quote that happens to mention a season.
    const date = await answer('When was this article published?');
    expect(date.answered).toBe(false);
    expect(date.passages).toEqual([]);
    const anonymous = await answererFor([{ id: 'harbour.txt', paragraphs: HARBOUR }]);
    expect((await anonymous('Who is the author?')).answered).toBe(false);
  });

  it('opens the summary of a page without a standfirst with its first sentence, which says what the page is about', async () => {
    // An encyclopedic page: the defining first sentence shares few words with the rest, which talk among themselves.
    const LAKE = [
      'Greywater Reservoir, built in 1931 in the hills above Valdoria, holds drinking water for its homes.',
      'Anglers catch trout and perch in the lake, and anglers from the city fish the lake in every season.',
      'The lake freezes in January, when anglers fish for trout and perch through holes in the ice of the lake.',
      'In summer the lake is crowded with anglers and swimmers, and the city runs a ferry across the lake.',
      'Anglers say the trout in the lake grow larger than the perch, and the city stocks the lake with trout.',
      'The city sells permits to anglers who fish the lake for trout and perch from the ferry or the shore.',
    ];
    const plain = await answererFor([{ id: 'lake.txt', paragraphs: LAKE, title: 'Greywater Lake' }]);
    const summary = await plain('what is this article about?');
    expect(summary.passages[0]!.passage.text).toBe(LAKE[0]);
    expect(summary.passages.length).toBeGreaterThanOrEqual(2);
    const point = await plain("what's the main point");
    expect(point.passages[0]!.passage.text).toBe(LAKE[0]);
    // With a standfirst (shown above the quotes) the quotes are the most central sentences alone.
    const built = makeDocument('lake.txt', LAKE, 'Greywater Lake');
    built.document.metadata.standfirst = 'A reservoir that anglers love';
    const embeddings = new LocalEmbeddings();
    const index = await buildLoadedIndex({ documents: [built.document], passages: built.passages, embeddings });
    const withStandfirst = createAnswerer(index, embeddings, { passages: 3, maxPassages: 5 });
    expect((await withStandfirst('what is this article about?')).passages.map((q) => q.passage.text)).not.toContain(LAKE[0]);
  });

  it('quotes the last sentence for how it ends and the first for how it begins', async () => {
    const answer = await answererFor([{ id: 'harbour.txt', paragraphs: HARBOUR, title: 'Harbour' }]);
    const end = await answer('How does the article end?');
    expect(end.passages[0]!.passage.text).toBe(HARBOUR[4]);
    const begin = await answer('how does it start');
    expect(begin.passages[0]!.passage.text).toBe(HARBOUR[0]);
  });

  it('with several documents indexed, names them all and summarises each', async () => {
    const answer = await answererFor([
      { id: 'harbour.txt', paragraphs: HARBOUR, title: 'Valdoria closes its old harbour' },
      { id: 'farms.txt', paragraphs: FARMS, title: 'A poor wheat harvest' },
    ]);
    const docs = await answer('Which documents are indexed?');
    expect(docs.answered).toBe(true);
    const shown = formatAnswerText(docs, { count: 3 });
    expect(shown).toContain('2 documents are indexed');
    expect(shown).toContain('Valdoria closes its old harbour');
    expect(shown).toContain('A poor wheat harvest');
    const gist = await answer('gist?');
    expect(new Set(gist.passages.map((q) => q.passage.documentId))).toEqual(new Set(['harbour.txt', 'farms.txt']));
  });
});
