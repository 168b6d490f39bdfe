// Which analysis built a stored lexical index. A generation published by yesterday's code must not be
// answered with today's question analysis if the two split or stem text differently: the terms would no
// longer meet. Rather than trusting everyone who touches the analyzer to bump a version, the fingerprint
// runs the real build (sentence splitting, terms, WordNet phrases and expansions, names, quantities) on
// a fixed probe text and hashes its encoded output, together with the format version and the size of
// every WordNet file. Any change that alters how the probe is indexed changes the fingerprint, and stored
// indexes built before it are rebuilt on load instead of being misread.
import { createHash } from 'node:crypto';
import type { LoadedIndex } from '../index-store/loaded-index.js';
import type { Lexicon } from '../text/lexicon.js';
import { encodeLexicalIndex, LEXICAL_FORMAT_VERSION } from './lexical-codec.js';
import { buildLexicalIndex } from './lexical-index.js';

// Written for this purpose (no article's text): names mid-sentence and after a role word, abbreviations
// with dots, numbers, dates and durations, WordNet multi-word lemmas and proper names, nationality
// adjectives, hypernym-bearing nouns and verbs, hyphens, possessives, quotes and a question.
const PROBE_PARAGRAPHS = [
  'The Prime Minister of the United Kingdom met President Maria Okafor in Washington on Tuesday, 4 March 2025, at 10:30 a.m.',
  "Dr. Okafor's aides said the U.S. Air Force had flown three airliners and 12 helicopters to the Black Sea for a six-week exercise.",
  'Russian and Israeli officials were not told. “We shouted our objections,” one well-known diplomat wrote; the talks ended in 1998?',
  'Farmers in New Zealand grow apples, kiwifruit and wheat — about 40 per cent of the crop is sold to Chinese buyers by rail and by sea.',
];

const fingerprints = new WeakMap<Lexicon, string>();

/** The fingerprint of this process's analysis with `lexicon` (hex SHA-256); computed once per lexicon, a few milliseconds. */
export function analysisFingerprint(lexicon: Lexicon): string {
  let fingerprint = fingerprints.get(lexicon);
  if (fingerprint === undefined) {
    const text = PROBE_PARAGRAPHS.join('\n\n');
    let at = 0;
    const paragraphs = PROBE_PARAGRAPHS.map((p, i) => {
      const span = { start: at, end: at + p.length, number: i + 1 };
      at += p.length + 2;
      return span;
    });
    const probe: Pick<LoadedIndex, 'documents' | 'passages'> = {
      documents: [{ id: 'probe', location: 'probe', contentHash: '', metadata: {}, text, paragraphs }],
      // Two overlapping passages, so the passage <-> sentence tables are exercised too.
      passages: [
        { id: 'probe#0', documentId: 'probe', ordinal: 0, paragraph: 1, start: 0, end: paragraphs[2]!.end, text: text.slice(0, paragraphs[2]!.end) },
        { id: 'probe#1', documentId: 'probe', ordinal: 1, paragraph: 2, start: paragraphs[1]!.start, end: text.length, text: text.slice(paragraphs[1]!.start) },
      ],
    };
    const encoded = encodeLexicalIndex(buildLexicalIndex(probe, lexicon), '');
    fingerprint = createHash('sha256').update(`v${LEXICAL_FORMAT_VERSION}\n${lexicon.dataIdentity()}\n`).update(encoded).digest('hex');
    fingerprints.set(lexicon, fingerprint);
  }
  return fingerprint;
}
