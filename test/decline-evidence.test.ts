// The question-side and passage-side evidence behind the decline rules of issue 9 §3: negation,
// sums to work out, antonym swaps, and what a passage holds in the question's own words.
import { describe, expect, it } from 'vitest';
import { createAnswerer } from '../src/answer/answer-question.js';
import { LocalEmbeddings } from '../src/embeddings/local-embeddings.js';
import { buildLoadedIndex } from '../src/index-store/build-index.js';
import { antonymSwap, wordForms } from '../src/retrieval/antonym-swap.js';
import { isArithmetic } from '../src/retrieval/arithmetic.js';
import { missingNumber, numbersOf } from '../src/retrieval/missing-number.js';
import { holdsNegation, isNegated } from '../src/retrieval/negation.js';
import { buildRetrievalIndex } from '../src/retrieval/retrieval-index.js';
import { createSearcher } from '../src/retrieval/search.js';
import { getLexicon } from '../src/text/lexicon.js';
import { makeDocument } from './helpers/index-fixtures.js';

describe('negation', () => {
  it('reads a negated question in any of its usual forms', () => {
    for (const q of ['What do ctenophores not have?', "Why won't Israel risk the alliance?", 'Which king never visited Rome?', 'What can be grown without water?']) expect(isNegated(q), q).toBe(true);
    for (const q of ['What do ctenophores have?', 'Who noted the change?', 'What is a knot?']) expect(isNegated(q), q).toBe(false);
  });

  it('finds negation in a text, also by meaning', () => {
    for (const t of ['The coastal beroids lack tentacles.', 'He was unable to attend.', 'All members except Canada voted.', 'The council refused to allow it.', 'It isn’t perfect.', 'It uses gas rather than coal.']) expect(holdsNegation(t), t).toBe(true);
    for (const t of ['The ctenophores have combs of cilia.', 'The union met in the university hall.']) expect(holdsNegation(t), t).toBe(false);
  });
});

describe('arithmetic questions', () => {
  it('are the ones made only of numbers and operations', () => {
    for (const q of ['What is 17 times 23?', "What's the square root of 144?", 'How much is 15 percent of 80?', 'What is 1000 divided by 8?', 'calculate 3 + 4']) expect(isArithmetic(q), q).toBe(true);
    for (const q of ['How many times did the council meet in 2017?', 'What is the root cause of the 2008 crisis?', 'What is 17?', 'Who won in 1998?']) expect(isArithmetic(q), q).toBe(false);
  });
});

describe('numbers the text never writes', () => {
  const written = numbersOf('The colony was founded in 1620 and had 3,792,261 people by 1990; about 300 ships came in the 1680s.');
  it('finds a year or a large figure of the question that the text lacks', () => {
    expect(missingNumber('Who founded the colony in 1570?', written)).toBe('1570');
    expect(missingNumber('Tell me who founded the colony in 1570.', written)).toBe('1570');
    expect(missingNumber('Which city had 3,792,262 people?', written)).toBe('3792262');
    expect(missingNumber('What is equivalent to 103.2 kPa?', numbersOf('It is 103.1 kPa at sea level.'))).toBe('103.2');
    expect(missingNumber('What is equivalent to 103.1 kPa?', numbersOf('It is 103.1 kPa at sea level.'))).toBeUndefined();
  });
  it('ignores numbers the text writes (grouped or not), decades, and short counts', () => {
    expect(missingNumber('Who founded the colony in 1620?', written)).toBeUndefined();
    expect(missingNumber('Which city had 3,792,261 people by 1990?', written)).toBeUndefined();
    expect(missingNumber('What happened in the 1750s?', written)).toBeUndefined();
    expect(missingNumber("What happened in the 1750's?", written)).toBeUndefined();
    expect(missingNumber('Give me the 3 reasons, or 250 of them', written)).toBeUndefined();
    // One number written, another not: the question is about the text and may work the other out.
    expect(missingNumber('How did 1990 compare with 1985?', written)).toBeUndefined();
  });
});

describe('antonym swaps', () => {
  const lexicon = getLexicon();
  const text = 'Jupiter is the largest planet in the solar system, and its moons orbit faster than ours.';
  it('finds a question word whose opposite the sentence uses about the same thing', () => {
    expect(antonymSwap('What is the smallest planet in the solar system?', () => wordForms(text, lexicon), text, lexicon)).toBe('smallest');
  });
  it('counts another number word or ordinal next to the same thing as an opposite', () => {
    const physics = 'If two identical fermions have a symmetric spin, the spatial variables must be antisymmetric. Newton\'s Third Law is a result of symmetry.';
    expect(antonymSwap('If three identical fermions have a symmetric spin, what must the spatial variables be?', () => wordForms(physics, lexicon), physics, lexicon)).toBe('three');
    expect(antonymSwap('Newton\'s Fifth Law is the result of applying symmetry to what?', () => wordForms(physics, lexicon), physics, lexicon)).toBe('fifth');
    expect(antonymSwap('If two identical fermions have a symmetric spin, what must the spatial variables be?', () => wordForms(physics, lexicon), physics, lexicon)).toBeUndefined();
  });

  it('ignores the word itself, an opposite about something else, and an opposite the question also uses', () => {
    expect(antonymSwap('What is the largest planet?', () => wordForms(text, lexicon), text, lexicon)).toBeUndefined();
    expect(antonymSwap('Which small moons orbit Jupiter?', () => wordForms('Small moons orbit Jupiter; the largest planet has many.', lexicon), 'The largest planet has many.', lexicon)).toBeUndefined();
    expect(antonymSwap('Is it the smallest or the largest planet?', () => wordForms(text, lexicon), text, lexicon)).toBeUndefined();
  });
});

const paragraphs = [
  'Ctenophores have eight rows of combs of cilia, which they use to swim through the water.',
  'The coastal beroids lack tentacles and prey on other ctenophores with their huge mouths.',
  'Most species are hermaphrodites and release eggs and sperm into the water at the same time.',
];

async function ctenophores() {
  const { document, passages } = makeDocument('ctenophora.txt', paragraphs, 'Ctenophora');
  const embeddings = new LocalEmbeddings();
  const index = await buildLoadedIndex({ documents: [document], passages, embeddings });
  return { index, embeddings };
}

describe('search evidence for declining', () => {
  it('says what the first passage holds in the question’s own words, and what is missing from the whole text', async () => {
    const { index, embeddings } = await ctenophores();
    const search = createSearcher(buildRetrievalIndex(index, getLexicon()), embeddings);
    const literal = (await search('What do ctenophores use to swim?', 3)).literal!;
    expect(literal.passage).toBeCloseTo(1);
    expect(literal.unmatched).toBe(0);
    const swapped = (await search('What do ctenophores use to knit sweaters?', 3)).literal!;
    expect(swapped.passage).toBeLessThan(0.7);
    expect(swapped.unmatched).toBeGreaterThan(0);
    expect(swapped.unmatchedElsewhere).toBe(false);
    expect(swapped.unmatchedKnown).toBe(true);
    // A made-up word is missing too, but is no English word: its absence says nothing.
    expect((await search('What do ctenophores use to swizzlefrob?', 3)).literal!.unmatchedKnown).toBe(false);
  });

  it('never takes a negated contraction the text does not spell for a foreign topic', async () => {
    const { index, embeddings } = await ctenophores();
    const search = createSearcher(buildRetrievalIndex(index, getLexicon()), embeddings);
    // "weren't" appears nowhere in the text, yet says nothing about what the question is about.
    expect((await search("What weren't ctenophores using to swim?", 3)).question.absent).toBe(0);
    expect((await search('What were ctenophores using to knit?', 3)).question.absent).toBeGreaterThan(0);
  });

});

describe('the first passage judged against its own document', () => {
  it('equals the index-wide evidence on one document, and on several counts only what the answering document holds', async () => {
    const single = await ctenophores();
    const singleState = buildRetrievalIndex(single.index, getLexicon());
    // On one document no decision reads it: left out unless asked for.
    expect((await createSearcher(singleState, single.embeddings)('Do the coastal beroids vote in Brooklyn?', 3)).document).toBeUndefined();
    const alone = await createSearcher(singleState, single.embeddings, undefined, { alwaysDocumentEvidence: true })('Do the coastal beroids vote in Brooklyn?', 3);
    expect(alone.document).toMatchObject({ absent: alone.question.absent, namesShared: alone.question.namesShared, onlyAbsentThings: alone.question.onlyAbsentThings, documents: 1 });

    const cteno = makeDocument('ctenophora.txt', paragraphs, 'Ctenophora');
    const council = makeDocument('council.txt', ['The city council of New York met in Brooklyn and voted for the new school budget.', 'In Brooklyn the council said the vote was close.']);
    const embeddings = new LocalEmbeddings();
    const index = await buildLoadedIndex({ documents: [cteno.document, council.document], passages: [...cteno.passages, ...council.passages], embeddings });
    const search = createSearcher(buildRetrievalIndex(index, getLexicon()), embeddings);
    // "vote" and "Brooklyn" are in the index, but not in the ctenophore article that answers.
    const result = await search('Do the coastal beroids vote in Brooklyn?', 3);
    expect(index.passages[result.passages[0]!.passage]!.documentId).toBe(cteno.document.id);
    expect(result.question.namesShared).toBe(true);
    expect(result.document).toMatchObject({ namesShared: false, documents: 2 });
    expect(result.document!.absent).toBeGreaterThan(result.question.absent);
    expect(result.document!.literal).toBeLessThan(1);
    // A question the answering document holds whole loses nothing.
    const own = await search('What do the coastal beroids lack?', 3);
    expect(own.document!.absent).toBe(0);
  });
});

describe('the decline rules through the answerer', () => {
  it('declines a negated question whose passages negate nothing, and answers it where the text negates', async () => {
    const { index, embeddings } = await ctenophores();
    const answer = createAnswerer(index, embeddings, { passages: 3, maxPassages: 5 });
    expect((await answer('What do ctenophores use to swim?')).answered).toBe(true);
    expect((await answer('What do ctenophores not use to swim?')).answered).toBe(false);
    const negatedInText = await answer('What do the coastal beroids not have?');
    expect(negatedInText.answered).toBe(true);
    expect(negatedInText.passages[0]!.passage.text).toContain('lack tentacles');
  });

  it('declines a question that says the opposite of its passage, not the one that agrees', async () => {
    const { document, passages } = makeDocument('planets.txt', ['Jupiter is the largest planet in the solar system and has dozens of moons.', 'Mercury orbits closest to the sun.']);
    const embeddings = new LocalEmbeddings();
    const index = await buildLoadedIndex({ documents: [document], passages, embeddings });
    const answer = createAnswerer(index, embeddings, { passages: 3, maxPassages: 5 });
    expect((await answer('Which is the largest planet in the solar system?')).answered).toBe(true);
    expect((await answer('Which is the smallest planet in the solar system?')).answered).toBe(false);
  });

  it('declines a question whose year the text never writes, and answers the one whose year it does', async () => {
    const { document, passages } = makeDocument('colony.txt', ['The Plymouth colony was founded by the Pilgrims in 1620 after a long voyage.', 'Its governor was William Bradford for many years.']);
    const embeddings = new LocalEmbeddings();
    const index = await buildLoadedIndex({ documents: [document], passages, embeddings });
    const answer = createAnswerer(index, embeddings, { passages: 3, maxPassages: 5 });
    expect((await answer('Who founded the Plymouth colony in 1620?')).answered).toBe(true);
    expect((await answer('Who founded the Plymouth colony in 1570?')).answered).toBe(false);
  });

  it('declines a sum however many of its numbers the text holds', async () => {
    const { document, passages } = makeDocument('times.txt', ['The test ran 17 times in 23 seconds, and 17 times 23 runs were planned.']);
    const embeddings = new LocalEmbeddings();
    const index = await buildLoadedIndex({ documents: [document], passages, embeddings });
    const answer = createAnswerer(index, embeddings, { passages: 3, maxPassages: 5 });
    expect((await answer('What is 17 times 23?')).answered).toBe(false);
    expect((await answer('How many seconds did the test take?')).answered).toBe(true);
  });
});
