import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { countGlossTerms, formatGlossFrequencies, GLOSS_FREQUENCIES_FILE, getLexicon, Lexicon } from '../src/text/lexicon.js';

const lemmas = (word: string) => getLexicon().related(word).map((r) => r.lemma);
const kindOf = (word: string, lemma: string) => getLexicon().related(word).find((r) => r.lemma === lemma)?.kind;

describe('WordNet lexicon', () => {
  it('takes general word weights from the shipped file instead of recounting every gloss at start-up', () => {
    // Recounting takes seconds; the shipped file is what keeps the first question fast.
    const shipped = readFileSync(GLOSS_FREQUENCIES_FILE, 'utf8').split('\n');
    const total = Number(shipped[0]!.split(' ')[1]);
    const [term, df] = shipped.find((line) => line.startsWith('uranium '))!.split(' ');
    expect(Lexicon.load().generalIdf(term!)).toBeCloseTo(Math.log((total + 1) / (1 + Number(df))));
  });

  it('relates a demonym to its country (pertainym)', () => {
    expect(kindOf('israeli', 'israel')).toBe('pertainym');
    expect(lemmas('turkish')).toContain('turkey');
  });

  it('relates a capital to its country (part holonym), two hops where needed', () => {
    expect(kindOf('moscow', 'russia')).toBe('holonym');
    expect(lemmas('ankara')).toContain('turkey');
    expect(lemmas('washington')).toContain('united_states');
  });

  it('gives synonyms, including multi-word lemmas', () => {
    expect(kindOf('warplane', 'military_plane')).toBe('synonym');
    expect(lemmas('airforce')).toContain('air_force');
  });

  it('finds dictionary forms by detachment rules and knows multi-word lemmas', () => {
    const lexicon = getLexicon();
    expect(lexicon.baseForms('forces')).toContain('force');
    // A doubled final consonant, which morphy leaves to exception lists the package lacks.
    expect(lexicon.baseForms('dropped')).toContain('drop');
    expect(lexicon.baseForms('biggest')).toContain('big');
    expect(lexicon.baseForms('falling')).not.toContain('fal');
    expect(lexicon.has('air_force')).toBe(true);
    expect(lexicon.isProperName('united_states')).toBe(true);
    expect(lexicon.isProperName('air_force')).toBe(false);
  });

  it('weighs words by general English rarity: a common word less than a rare one', () => {
    const lexicon = getLexicon();
    expect(lexicon.generalIdf('take')).toBeLessThan(lexicon.generalIdf('uranium'));
    expect(lexicon.generalIdf('zzzunknown')).toBeCloseTo(lexicon.maxGeneralIdf());
  });

  it('ships gloss frequencies that match a recount from the dictionary', () => {
    const recount = formatGlossFrequencies(countGlossTerms(Lexicon.load(undefined, undefined).dataFiles()));
    expect(readFileSync(GLOSS_FREQUENCIES_FILE, 'utf8')).toBe(recount);
  });
});
