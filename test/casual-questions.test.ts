// Casual questions as typed in chat ("how old is the mill", "wait whos the guy that founded it", "the 79 vote")
// over a small invented article: what a question measures, the words it wraps its topic in, and that the
// answer lands on the sentence holding the kind of quantity asked for.
import { describe, expect, it } from 'vitest';
import { createAnswerer } from '../src/answer/answer-question.js';
import { LocalEmbeddings } from '../src/embeddings/local-embeddings.js';
import { buildLoadedIndex } from '../src/index-store/build-index.js';
import { answerMeasure, holdsMeasure } from '../src/retrieval/answer-type.js';
import { querySlots } from '../src/retrieval/query-terms.js';
import { getLexicon } from '../src/text/lexicon.js';
import { makeDocument } from './helpers/index-fixtures.js';

describe('what a quantity question measures', () => {
  it('reads a point in time, a distance, a size or a duration from the opening words, past chat openers', () => {
    expect(answerMeasure('ok so how old is the mill')).toBe('time');
    expect(answerMeasure('when did they start')).toBe('time');
    expect(answerMeasure('what year did it open')).toBe('time');
    expect(answerMeasure('how far is it from the coast')).toBe('distance');
    expect(answerMeasure('how big is the park')).toBe('size');
    expect(answerMeasure('how long does the debate go on')).toBe('duration');
    // Counting takes any number.
    expect(answerMeasure('how many people live there')).toBeUndefined();
  });

  it('finds the kind of quantity in a sentence, not just any number', () => {
    expect(holdsMeasure('The theatre was built in 1939.', 'time')).toBe(true);
    expect(holdsMeasure('The 2nd stage seats three hundred.', 'time')).toBe(false);
    expect(holdsMeasure('Members vote at 5 pm.', 'time')).toBe(true);
    expect(holdsMeasure('Some may stay for 5 nights.', 'time')).toBe(false);
    expect(holdsMeasure('It lies 220 miles (350 km) north of the capital.', 'distance')).toBe(true);
    expect(holdsMeasure('The park covers 300 acres (1.2 km2).', 'size')).toBe(true);
    expect(holdsMeasure('The city has three large parks.', 'size')).toBe(false);
    expect(holdsMeasure('Speakers get between 5 and 20 minutes.', 'duration')).toBe(true);
    expect(holdsMeasure('The war lasted from 1754 to 1763.', 'duration')).toBe(true);
  });
});

describe('the words a casual question wraps its topic in', () => {
  it('leaves quantifiers and connectives out of the slots ("what else", "every day", "besides")', () => {
    const words = querySlots('what else do they do every day besides voting', getLexicon()).map((s) => s.word);
    expect(words).not.toContain('else');
    expect(words).not.toContain('every');
    expect(words).not.toContain('besides');
    expect(words).toContain('day');
  });
});

describe('casual questions over a small article', () => {
  it('answers "how old", "how far" and "the guy that" questions with the sentence holding that kind of answer', async () => {
    const paragraphs = [
      'The mill stands on the river bank at the north end of the village. Its 2nd floor holds a small museum with 3 rooms of farm tools.',
      'The mill was built in 1889 by the Harper family, who ground wheat there for four generations.',
      'The village lies 40 miles (64 km) east of the county town, on the old coach road.',
      'The cricket club was founded by Thomas Wendell, a retired schoolteacher, who also laid out its first pitch.',
      'The club plays 12 matches each summer and has 3 teams.',
    ];
    const { document, passages } = makeDocument('village.txt', paragraphs, 'A village guide');
    const embeddings = new LocalEmbeddings();
    const index = await buildLoadedIndex({ documents: [document], passages, embeddings });
    const answer = createAnswerer(index, embeddings, { passages: 3, maxPassages: 5 });
    const first = async (question: string) => {
      const a = await answer(question);
      expect(a.answered, question).toBe(true);
      return a.passages[0]!.passage.text;
    };
    expect(await first('how old is the mill')).toContain('built in 1889');
    expect(await first('wait how far is the village from the county town')).toContain('40 miles');
    expect(await first('whos the guy that founded the cricket club')).toContain('Thomas Wendell');
  });
});
