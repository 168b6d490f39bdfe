// Regenerates data/gloss-frequencies.txt (general-English term weights from WordNet's glosses).
// Run after changing the analyzer: npx tsx scripts/build-gloss-frequencies.ts
import { writeFileSync } from 'node:fs';
import { countGlossTerms, formatGlossFrequencies, GLOSS_FREQUENCIES_FILE, Lexicon } from '../src/text/lexicon.js';

const lexicon = Lexicon.load(undefined, undefined);
writeFileSync(GLOSS_FREQUENCIES_FILE, formatGlossFrequencies(countGlossTerms(lexicon.dataFiles())));
console.log(`wrote ${GLOSS_FREQUENCIES_FILE}`);
