// One search over one index: question -> slots -> lexical evidence per sentence, fused with the
// vector search, -> ranked passages with highlights and a relevance. Everything per-index is built
// once (see createSearcher) so a question costs a few milliseconds.
import { asksOnlyAboutAbsentThings } from './absent-topic.js';
import { answerType } from './answer-type.js';
import type { IdentifiedEmbeddings } from '../embeddings/types.js';
import type { LoadedIndex } from '../index-store/loaded-index.js';
import type { Lexicon } from '../text/lexicon.js';
import { lexicalIndexFor, type LexicalIndex } from './lexical-index.js';
import { DEFAULT_EXPANSION, querySlots, type ExpansionWeights } from './query-terms.js';
import { DEFAULT_RANK, rankPassages, type RankedPassage, type RankSettings } from './rank.js';
import { DEFAULT_SLOT_WEIGHTS, slotWeigher, type SlotWeightSettings } from './slot-weights.js';

export interface SearchSettings {
  expansion: ExpansionWeights;
  rank: RankSettings;
  slotWeights: SlotWeightSettings;
  /** How many nearest passages to ask the vector index for. */
  vectorCandidates: number;
  /** Relevance 0 when every non-name question word is absent from the text (see absent-topic.ts). */
  absentTopics?: boolean;
}

export const DEFAULT_SEARCH: SearchSettings = { expansion: DEFAULT_EXPANSION, rank: DEFAULT_RANK, slotWeights: DEFAULT_SLOT_WEIGHTS, vectorCandidates: 20, absentTopics: true };

export type Searcher = (question: string, limit: number) => Promise<RankedPassage[]>;

export interface SearcherParts {
  lexical: LexicalIndex;
  search: Searcher;
}

export function createSearcher(index: LoadedIndex, embeddings: IdentifiedEmbeddings, lexicon: Lexicon, settings: SearchSettings = DEFAULT_SEARCH): SearcherParts {
  const lexical = lexicalIndexFor(index, lexicon);
  const weigh = slotWeigher(lexical, lexicon, settings.slotWeights);
  const isName = (term: string) => (lexical.capitalized.get(term) ?? 0) >= settings.slotWeights.nameCapitalized;
  const position = new Map(index.passages.map((p, i) => [p.id, i]));

  const vectorScores = async (question: string): Promise<Map<number, number>> => {
    const scores = new Map<number, number>();
    const count = index.passages.length;
    if (count === 0 || settings.vectorCandidates <= 0 || settings.rank.vectorShare <= 0) return scores;
    const vector = await embeddings.embedQuery(question);
    const hits = await index.vectorStore.similaritySearchVectorWithScore(vector, Math.min(settings.vectorCandidates, count));
    for (const [doc, distance] of hits) {
      const p = position.get(String(doc.metadata.passageId));
      // hnswlib's cosine space returns 1 - cosine; negative similarity is no evidence at all.
      if (p !== undefined) scores.set(p, Math.max(0, 1 - distance));
    }
    return scores;
  };

  const search: Searcher = async (question, limit) => {
    const slots = querySlots(question, lexicon, settings.expansion, isName);
    const vectors = await vectorScores(question);
    const ranked = rankPassages(lexical, slots, weigh, vectors, limit, settings.rank, answerType(question));
    // Still ranked (a caller may show them), but nothing here covers what is asked.
    if (settings.absentTopics && asksOnlyAboutAbsentThings(slots, lexical, weigh, lexicon)) for (const r of ranked) r.relevance = 0;
    return ranked;
  };
  return { lexical, search };
}
