import { describe, expect, it } from 'vitest';
import { createAnswerer } from '../src/answer/answer-question.js';
import { validateQuestion } from '../src/answer/validate-question.js';
import { LocalEmbeddings } from '../src/embeddings/local-embeddings.js';
import { buildLoadedIndex } from '../src/index-store/build-index.js';
import { normalizeText } from '../src/text/analyze.js';
import { answerType } from '../src/retrieval/answer-type.js';
import { cleanQuestion, withoutOpeners } from '../src/text/clean-question.js';
import { makeDocument } from './helpers/index-fixtures.js';

describe('cleaning a question of how it was typed', () => {
  it('removes Discord mentions, custom emoji, @everyone/@here and timestamps', () => {
    expect(cleanQuestion('@everyone <@&123456789012345678> <@!42> <#555> what was the plot about? <a:party:998877> <:yum:1>')).toBe('what was the plot about?');
    expect(cleanQuestion('@here when is it <t:1700000000:R>')).toBe('when is it');
  });

  it('removes markdown, spoilers, code and quoted-reply prefixes, keeping the words', () => {
    expect(cleanQuestion('> > **which country** provided the *secret* __intelligence__')).toBe('which country provided the secret intelligence');
    expect(cleanQuestion('||who is working with Syria||')).toBe('who is working with Syria');
    expect(cleanQuestion('```what did the labs provide```')).toBe('what did the labs provide');
    expect(cleanQuestion('what was the `Stuxnet` attack')).toBe('what was the Stuxnet attack');
    expect(cleanQuestion('see [the report](https://example.com/x) 🤔')).toBe('see the report');
  });

  it('lower-cases a shouted question, collapses repeated punctuation and spells out chat abbreviations', () => {
    expect(cleanQuestion('WHICH SPY SCANDAL DAMAGED TRUST?!?!')).toBe('which spy scandal damaged trust?');
    expect(cleanQuestion('did the govt share the intel w/ the partners lol')).toBe('did the government share the intelligence with the partners');
    expect(cleanQuestion('what did the Obama admin approve.....')).toBe('what did the Obama administration approve.');
    // A capitalised word may be a name, and dotted abbreviations stay whole.
    expect(cleanQuestion('What did Intel announce in the U.S.?')).toBe('What did Intel announce in the U.S.?');
  });

  it('spells out spoken forms, apostrophe-less contractions and chat slang, and drops discourse adverbs', () => {
    expect(cleanQuestion('whats the bomb gonna be hidden in')).toBe("what's the bomb going to be hidden in");
    expect(cleanQuestion('so whos actually in charge of the spooks tho')).toBe("so who's in charge of the spies though");
    expect(cleanQuestion('which paper broke the story about the op, dont know')).toBe("which paper broke the story about the operation, don't know");
    // Words of their own are never "repaired": its, were, well, ill, lets.
    expect(cleanQuestion('were its ill effects well known')).toBe('were its ill effects well known');
  });

  it('spells out casual abbreviations, reads "pm" after a number as the time, and drops "rn" and "the guy"', () => {
    expect(cleanQuestion('whos the pm that set up the commission')).toBe("who's the prime minister that set up the commission");
    expect(cleanQuestion('do they vote at 5 pm')).toBe('do they vote at 5 pm');
    expect(cleanQuestion('whos the guy that wrote the song rn')).toBe("who's the one that wrote the song");
    expect(cleanQuestion('why buy meds online after 2 yrs')).toBe('why buy medications online after 2 years');
    expect(cleanQuestion('how many uni students, like 5 mil')).toBe('how many university students, 5 million');
    expect(cleanQuestion("what's the weather usually like?")).toBe("what's the weather usually?");
    expect(cleanQuestion('how many houses after like 5 yrs')).toBe('how many houses after 5 years');
    expect(cleanQuestion('what does it look like')).toBe('what does it look like');
  });

  it('reads a question past the words a chat line opens with', () => {
    expect(withoutOpeners('anyone know which card started there')).toBe('which card started there');
    expect(withoutOpeners('does anybody remember when it opened')).toBe('when it opened');
    expect(withoutOpeners('can someone tell me who ran it')).toBe('who ran it');
    expect(withoutOpeners("ok i want to know how big it is")).toBe('how big it is');
    expect(withoutOpeners('i was wondering, when did they start')).toBe('when did they start');
    expect(withoutOpeners('ok so how many ships left')).toBe('how many ships left');
    expect(withoutOpeners('hey, who closed the harbour')).toBe('who closed the harbour');
    expect(answerType('so how many ships left')).toBe('quantity');
    expect(answerType('hey who closed the harbour')).toBe('name');
    expect(withoutOpeners('so')).toBe('so');
  });

  it('returns nothing for a question of nothing but noise, which validation then refuses', () => {
    expect(cleanQuestion('<@123456789012345678> <:thinking:1122>')).toBe('');
    expect(() => validateQuestion('<@123456789012345678> <:thinking:1122>', 300)).toThrow(/empty/);
  });

  it('folds accents one letter for one, so offsets stay right (Möngke = Mongke, Erdoğan = Erdogan)', () => {
    expect(normalizeText('Möngke Erdoğan Pútin Łódź')).toBe('mongke erdogan putin lodz');
    expect(normalizeText('Möngke').length).toBe('Möngke'.length);
  });
});

describe('noise never changes the answer', () => {
  it('gives the same first passage for the plain and the noisy form of a question', async () => {
    const paragraphs = [
      'Harbour officials in Turkey announced on Monday that the new container terminal will open next spring.',
      'The government shared intelligence about the smuggling ring with its partners, a ministry spokesman said.',
      'Möngke Khan ordered the census of the conquered provinces in 1252.',
      'Farmers near the border complained that the drought had ruined most of the wheat harvest this year.',
    ];
    const { document, passages } = makeDocument('report.txt', paragraphs, 'A wire report');
    const embeddings = new LocalEmbeddings();
    const index = await buildLoadedIndex({ documents: [document], passages, embeddings });
    const answer = createAnswerer(index, embeddings, { passages: 3, maxPassages: 5 });
    const pairs: [string, string][] = [
      ['What did the government share with its partners?', '@everyone <@&123456789012345678> what did the govt share w/ its partners???'],
      ['Who ordered the census of the provinces?', '> WHO ORDERED THE CENSUS OF THE PROVINCES?!'],
      ['When did Mongke order the census?', 'when did **Möngke** order the census <:thinking:112233445566778899>'],
    ];
    for (const [plain, noisy] of pairs) {
      const a = await answer(plain);
      const b = await answer(noisy);
      expect(a.answered, plain).toBe(true);
      expect(b.answered, noisy).toBe(true);
      expect(b.passages[0]!.passage.id, noisy).toBe(a.passages[0]!.passage.id);
      expect(b.question).toBe(noisy);
    }
  });
});
