// Follow-ups about things, not people, on made-up texts (nothing here is the bundled article's or a
// question set's): pronouns that keep meaning the thing talked about, "the second one", "that process",
// "And in X?", "the other third", and topics cut to their noun phrase. Pure: contexts are built from
// questions and hand-made answers, no index or answerer.
import { describe, expect, it } from 'vitest';
import { contextOf, isElliptical, readFollowUp, topicOf, type TurnContext } from '../src/answer/follow-up.js';
import { buildNameCatalog } from '../src/answer/names.js';
import { getLexicon } from '../src/text/lexicon.js';
import type { Answer } from '../src/types.js';
import { makeDocument } from './helpers/index-fixtures.js';

const { document } = makeDocument('t', [
  'The Tamber is a river in Norland. It rises in the Grey Hills and flows into the Cold Sea near Port Alva.',
  'The river has two sources: the Upper Spring and the Lower Spring. The valley has three mills.',
  'Most of the water flows west. The Noord River and the Kemp River join it below Alva.',
  'In the 19th Century the Vell Canal was dug beside the river.',
]);
const lexicon = getLexicon();
const catalog = buildNameCatalog({ documents: [document] }, lexicon);

/** An answer whose first passage is `text` with `marked` highlighted. */
function answerMarking(text: string, marked: string): Answer {
  const start = text.indexOf(marked);
  return {
    question: 'q',
    answered: true,
    passages: [{ passage: { id: 'd#0', documentId: 'd', ordinal: 0, paragraph: 1, start: 0, end: text.length, text }, source: 'd', score: 1, highlights: [{ start, end: start + marked.length }] }],
    suggestions: [],
  };
}

function resolved(text: string, context: TurnContext): { question: string; note: string } {
  const reading = readFollowUp(text, context, catalog, lexicon);
  if (reading.kind !== 'resolved') throw new Error(`"${text}" was read as ${reading.kind}`);
  return reading;
}

describe('pronouns for things keep meaning the thing talked about', () => {
  it('reads the next "it" or "them" as what the turn before read its pronoun as', () => {
    const first = contextOf('What is the compound engine?', undefined, catalog, lexicon);
    const second = readFollowUp('Who was it named after?', first, catalog, lexicon);
    expect(second).toMatchObject({ kind: 'resolved', question: 'Who was the compound engine named after?' });
    if (second.kind !== 'resolved') return;
    const next = contextOf(second.base, undefined, catalog, lexicon, second, first);
    expect(next.carried?.text).toBe('the compound engine');
    // Without the carried referent, "it" would be "the compound engine named after".
    expect(resolved('What limits its efficiency?', next).question).toBe("What limits the compound engine's efficiency?");

    const plural = contextOf('What are natural killer cells?', undefined, catalog, lexicon);
    const why = readFollowUp('Why were they given that name?', plural, catalog, lexicon);
    if (why.kind !== 'resolved') throw new Error('not resolved');
    const after = contextOf(why.base, undefined, catalog, lexicon, why, plural);
    expect(resolved('What stops them attacking normal cells?', after).question).toBe('What stops natural killer cells attacking normal cells?');
  });

  it('does not take a common word typed in lower case for a name the text writes with a capital', () => {
    // The text has "Noord River" and "19th Century"; "river" and "century" here are just words.
    const context = contextOf('What changed the valley in the 19th century?', undefined, catalog, lexicon);
    expect(context.subjects.map((s) => s.text)).toEqual([]);
    const river = contextOf('What river flows into the Cold Sea?', undefined, catalog, lexicon);
    expect(river.subjects.map((s) => s.text)).toEqual(['the Cold Sea']);
    expect(river.topic).toBe('the river that flows into the Cold Sea');
  });
});

describe('"the second one" picks from what the answer before listed or counted', () => {
  it('takes the listed item, and "And the first one?" swaps it for another', () => {
    const text = 'The river has two sources: the Upper Spring and the Lower Spring. The valley has three mills.';
    const context = contextOf('Where does the river come from?', answerMarking(text, 'The river has two sources: the Upper Spring and the Lower Spring.'), catalog, lexicon);
    expect(context.items).toEqual(['the Upper Spring', 'the Lower Spring']);
    const second = readFollowUp('How big is the second one?', context, catalog, lexicon);
    expect(second).toMatchObject({ kind: 'resolved', question: 'How big is the Lower Spring?', note: "Reading 'the second one' as the Lower Spring" });
    if (second.kind !== 'resolved') return;
    const next = contextOf(second.base, undefined, catalog, lexicon, second, context);
    expect(next.items).toEqual(['the Upper Spring', 'the Lower Spring']);
    expect(resolved('And the first one?', next).question).toBe('How big is the Upper Spring?');
  });

  it('names the counted thing when the list is not a list of short names', () => {
    const text = 'The delta is shaped by two bifurcations: first, at Alva, the river splits into the Noord and a canal, which later changes its name, and second near Kemp, where a branch leaves.';
    const context = contextOf('What shapes the delta?', answerMarking(text, text), catalog, lexicon);
    expect(context.items).toBeUndefined();
    expect(context.itemNoun).toBe('bifurcation');
    expect(resolved('Where is the second one?', context).question).toBe('Where is the second bifurcation?');
  });

  it('leaves "the first time" and an ordinal with nothing listed alone', () => {
    const context = contextOf('What is the Vell Canal?', undefined, catalog, lexicon);
    expect(readFollowUp('When was the first time it flooded?', context, catalog, lexicon)).toMatchObject({ question: 'When was the first time the Vell Canal flooded?' });
    expect(readFollowUp('Where is the second one?', context, catalog, lexicon)).toEqual({ kind: 'fresh' });
  });
});

describe('"that" and "what about" read against the question before', () => {
  it('reads "that process", "that protection" and "Why was that important?" with the question before', () => {
    const context = contextOf('How do newborn babies get antibodies?', undefined, catalog, lexicon);
    expect(resolved('How long does that protection last?', context).question).toBe('How long does that protection last — how do newborn babies get antibodies?');
    const patent = contextOf('What did James Watt patent in 1781?', undefined, catalog, lexicon);
    expect(resolved('Why was that important?', patent).question).toBe('Why was what James Watt did patent in 1781 important?');
    // "that" opening a clause after a verb of saying is not a thing talked about.
    expect(readFollowUp('Who said that engines were dangerous?', patent, catalog, lexicon)).toEqual({ kind: 'fresh' });
  });

  it('reads "Who wrote about it?" as about the thing talked about, "Who wrote it?" as about the article', () => {
    const context = contextOf('What is the earliest known reference to immunity?', undefined, catalog, lexicon);
    expect(resolved('Who wrote about it?', context).question).toBe('Who wrote about the earliest known reference to immunity?');
    expect(readFollowUp('Who wrote it?', context, catalog, lexicon)).toEqual({ kind: 'fresh' });
  });

  it('swaps the phrase with the same preposition, or the one sharing a word, or adds the phrase', () => {
    const sectors = contextOf('What are the main industries in the Middle Valley area?', undefined, catalog, lexicon);
    expect(resolved('And in the Lower Valley?', sectors).question).toBe('What are the main industries in the Lower Valley?');
    const water = contextOf("Where does two thirds of the Tamber's water flow?", undefined, catalog, lexicon);
    expect(resolved('And the other third?', water).question).toBe("Where does the other third of the Tamber's water flow?");
    const uses = contextOf('What are steam turbines mainly used for?', undefined, catalog, lexicon);
    expect(resolved('And in Norland?', uses).question).toBe('What are steam turbines mainly used for in Norland?');
    const duty = contextOf("What duty did Watt's original designs deliver?", undefined, catalog, lexicon);
    expect(resolved("What about Newcomen's?", duty).question).toBe("What duty did Newcomen's original designs deliver?");
    const hormones = contextOf('How do hormones affect the immune system?', undefined, catalog, lexicon);
    expect(resolved('What about sleep deprivation?', hormones).question).toBe('How do sleep deprivation affect the immune system?');
  });
});

describe('"there", "Since when?" and questions that stand alone', () => {
  it('reads "there" as the place talked about, and leaves "is there" alone', () => {
    const context = contextOf('What is the biggest town on the Tamber?', undefined, catalog, lexicon);
    expect(resolved('How many people live there?', context).question).toBe('How many people live in the biggest town on the Tamber?');
    expect(readFollowUp('Is there a bridge?', context, catalog, lexicon)).toEqual({ kind: 'fresh' });
    const where = contextOf('Where does the Tamber rise?', answerMarking('It rises in the Grey Hills and flows into the Cold Sea.', 'It rises in the Grey Hills'), catalog, lexicon);
    expect(resolved('What grows there?', where).question).toBe('What grows in Grey Hills?');
  });

  it('completes "Since when?" and "For example?" from the question before', () => {
    const context = contextOf('Is the Vell Canal closed?', undefined, catalog, lexicon);
    expect(resolved('Since when?', context).question).toBe('Since when — is the Vell Canal closed?');
    expect(resolved('For example?', context).question).toBe('For example — is the Vell Canal closed?');
  });

  it('reads "Why is that?", "What was the result?" and "Give me an example" with the question before', () => {
    const context = contextOf('What is the Vell Canal?', undefined, catalog, lexicon);
    expect(resolved('Why is that?', context).question).toBe('Why is that — what is the Vell Canal?');
    expect(resolved('What was the result?', context).question).toBe('What was the result — what is the Vell Canal?');
    expect(resolved('Give me an example', context).question).toBe('Give me an example — what is the Vell Canal?');
  });

  it('swaps the whole phrase of a shared word, with its own "of ..."', () => {
    const engine = contextOf('Who invented the compound engine?', undefined, catalog, lexicon);
    expect(resolved('And the multiple expansion engine?', engine).question).toBe('Who invented the multiple expansion engine?');
    const population = contextOf('What is the population of Alva?', undefined, catalog, lexicon);
    expect(resolved('And the population of Kemp?', population).question).toBe('What is the population of Kemp?');
  });

  it('keeps a relative "that", a clause after a verb of saying, and a question that says much as fresh', () => {
    const context = contextOf('What is the Vell Canal?', undefined, catalog, lexicon);
    expect(readFollowUp('What is the name of the mill that was built first?', context, catalog, lexicon)).toEqual({ kind: 'fresh' });
    expect(readFollowUp('Who explained that river mills were faster?', context, catalog, lexicon)).toEqual({ kind: 'fresh' });
    expect(readFollowUp('Who has been repairing those old wooden river mills?', context, catalog, lexicon)).toEqual({ kind: 'fresh' });
    expect(readFollowUp('Where were these mills?', context, catalog, lexicon)).toMatchObject({ kind: 'resolved' });
  });

  it('reads a wh-word and one verb as too little to stand alone in any case, and a wh-word with "is" + a thing as enough', () => {
    expect(isElliptical('Who approved?', ['who', 'approved'])).toBe(true);
    expect(isElliptical('WHO APPROVED?', ['WHO', 'APPROVED'])).toBe(true);
    expect(isElliptical('Why Not?', ['Why', 'Not'])).toBe(true);
    expect(isElliptical('Who Is Tamber?', ['Who', 'Is', 'Tamber'])).toBe(false);
    expect(isElliptical('Mills dug canals', ['Mills', 'dug', 'canals'])).toBe(false);
  });

  it('knows which words the text also writes in lower case', () => {
    expect(catalog.writesInLowerCase('river')).toBe(true);
    expect(catalog.writesInLowerCase('alva')).toBe(false);
  });
});

describe('names as the question wrote them', () => {
  it('keeps the "the" a question wrote before a name, and swaps a name qualifying a noun with its noun', () => {
    const context = contextOf('Where does the Tamber rise?', undefined, catalog, lexicon);
    expect(resolved('Where does it end?', context).question).toBe('Where does the Tamber end?');
    const canal = contextOf('What is the Vell Canal route?', undefined, catalog, lexicon);
    expect(resolved('What about the old towpath?', canal).question).toBe('What is the old towpath?');
  });

  it('reads "this process" as pointing back ("this" alone would name the article), but not "did this come out"', () => {
    const context = contextOf('How is the water cleaned?', undefined, catalog, lexicon);
    expect(resolved('What is this process called?', context).question).toBe('What is this process called — how is the water cleaned?');
    expect(readFollowUp('What date did this come out?', context, catalog, lexicon)).toEqual({ kind: 'fresh' });
  });

  it('picks "the first ones" of a counted kind WordNet does not know, without its "s"', () => {
    const context = contextOf('What are the two main subtypes of mills?', undefined, catalog, lexicon);
    expect(context.itemNoun).toBe('main subtype');
    expect(resolved('What do the first ones do?', context).question).toBe('What do the first main subtype do?');
  });
});

describe('"he" and "she" only for someone the text treats as a person', () => {
  const people = buildNameCatalog({
    documents: [
      makeDocument('p', [
        'The miller Quill said the mill at Orlen would close. The pump follows the method of Koch, and Low German is spoken in Orlen.',
        'The mill sold flour abroad. Once Europe knew, he left it in 1840.',
      ]).document,
    ],
  }, lexicon);
  it('takes a verb of saying and a WordNet person sense as evidence, and a WordNet place or language over a pronoun or a name shape', () => {
    expect(people.lookup('Quill')?.person).toBe(true);
    expect(people.lookup('Koch')?.person).toBe(true);
    expect(people.lookup('Low German')?.person).toBe(false);
    expect(people.lookup('Europe')?.person).toBe(false);
  });

  it('reads "he" as the topic only when the topic is a kind of person', () => {
    const museum = contextOf('What does the town museum keep?', undefined, people, lexicon);
    expect(readFollowUp('Where was he born?', museum, people, lexicon)).toEqual({ kind: 'fresh' });
    const mayor = contextOf('What is the first mayor known for?', undefined, people, lexicon);
    expect(resolved('When did he die?', mayor).question).toBe('When did the first mayor die?');
  });
});

describe('the thing a question asks about', () => {
  it('stops before the verb, a stranded participle or a trailing preposition', () => {
    expect(topicOf('Who was the Rankine cycle named after?', lexicon)).toBe('the Rankine cycle');
    expect(topicOf('What is the gorge known for?', lexicon)).toBe('the gorge');
    expect(topicOf('Why were natural killer cells given that name?', lexicon)).toBe('natural killer cells');
    expect(topicOf('How does the compound engine work?', lexicon)).toBe('the compound engine');
    expect(topicOf('How do phagocytes kill pathogens?', lexicon)).toBe('phagocytes');
    expect(topicOf('What are lead fusible plugs for?', lexicon)).toBe('lead fusible plugs');
    // A participle with more after it still says what the thing is; an adjective participle stays.
    expect(topicOf('When were viruses confirmed as human pathogens?', lexicon)).toBe('viruses confirmed as human pathogens');
    expect(topicOf('What is the earliest known reference to immunity?', lexicon)).toBe('the earliest known reference to immunity');
  });
});
