// Answers a question about the article itself, from what ingest kept and from the article's own
// sentences, inventing nothing. Headline, standfirst, author, section: the page's metadata, shown as
// metadata (never as a quote). "What is it about?" / "tl;dr": an extractive summary, the few most
// central sentences quoted verbatim in article order. Centrality is TextRank (Mihalcea & Tarau 2004):
// a sentence is central when sentences that are central share its words; news puts its point up
// front, so earlier sentences get a linear lead bonus. "How does it end/begin?": the last/first
// sentence in its passage. Several documents: each covered in turn, up to a few, the rest named.
import { analyze, countWords } from '../text/analyze.js';
import type { RetrievalIndex } from '../retrieval/retrieval-index.js';
import { DEFAULT_SUMMARY, type SummarySettings } from '../retrieval/params.js';
import type { AboutAnswer, AboutTopic, Answer, QuotedPassage, Span } from '../types.js';

/** Topics answered from metadata alone; the others quote the text. */
const METADATA_FIELD: Partial<Record<AboutTopic, 'title' | 'standfirst' | 'author' | 'section'>> = {
  title: 'title',
  standfirst: 'standfirst',
  author: 'author',
  section: 'section',
};

/**
 * The answer to a question about the article itself. Declines (answered false, with `about` saying
 * what the page does give) when the page does not say what is asked (no byline, no date).
 */
export function answerAbout(question: string, topic: AboutTopic, state: RetrievalIndex, suggestions: () => string[], settings: SummarySettings = DEFAULT_SUMMARY): Answer {
  const { index } = state;
  const all = index.documents.map((d, position) => ({ position, d }));
  const covered = topic === 'documents' ? all : all.slice(0, settings.documents);
  const about: AboutAnswer = {
    topic,
    total: index.documents.length,
    documents: covered.map(({ d }) => ({
      id: d.id,
      ...(d.metadata.title ? { title: d.metadata.title } : {}),
      ...(d.metadata.standfirst ? { standfirst: d.metadata.standfirst } : {}),
      ...(d.metadata.author ? { author: d.metadata.author } : {}),
      ...(d.metadata.section ? { section: d.metadata.section } : {}),
      paragraphs: d.paragraphs.length,
    })),
  };
  const declined = (): Answer => ({ question, answered: false, relevance: 0, passages: [], suggestions: suggestions(), about });
  if (covered.length === 0) return declined();
  // The page's date is not kept by ingest: saying so beats quoting a passage that mentions a year.
  if (topic === 'date') return declined();
  const field = METADATA_FIELD[topic];
  if (field) return about.documents.some((d) => d[field] !== undefined) ? { question, answered: true, relevance: 1, passages: [], suggestions: [], about } : declined();
  if (topic === 'documents') return { question, answered: true, relevance: 1, passages: [], suggestions: [], about };

  const chosen: number[] = [];
  for (const { position } of covered) {
    const ids = sentencesOf(state, position);
    if (ids.length === 0) continue;
    if (topic === 'ending') chosen.push(ids[ids.length - 1]!);
    else if (topic === 'beginning') chosen.push(ids[0]!);
    else {
      const count = topic === 'argument' ? settings.argumentSentences : settings.sentences;
      // One sentence per paragraph: a summary should cover the article, not retell its opening.
      const paragraphs = new Set<number>();
      const picked: number[] = [];
      // A page without a standfirst (shown above the quotes when it has one) is led by its own first sentence,
      // which in encyclopedic and news writing says what the piece is about ("The Normans were the people who...").
      const lead = settings.leadSentence && !index.documents[position]!.metadata.standfirst ? leadSentence(state, position, ids, settings) : undefined;
      if (lead !== undefined) {
        picked.push(lead);
        paragraphs.add(paragraphOf(state, position, lead));
      }
      for (const id of centralSentences(state, position, settings)) {
        if (picked.length >= count) break;
        const paragraph = paragraphOf(state, position, id);
        if (paragraphs.has(paragraph)) continue;
        paragraphs.add(paragraph);
        picked.push(id);
      }
      chosen.push(...picked.sort((a, b) => a - b));
    }
  }
  if (chosen.length === 0) return declined();
  return { question, answered: true, relevance: 1, passages: quote(state, chosen), suggestions: [], about };
}

/** A document's first sentence long enough to be chosen (a title or dateline line is not), or undefined. */
function leadSentence(state: RetrievalIndex, document: number, ids: number[], settings: SummarySettings): number | undefined {
  const text = state.index.documents[document]!.text;
  return ids.find((id) => {
    const s = state.lexical.sentences[id]!;
    return countWords(text.slice(s.start, s.end)) >= settings.minWords;
  });
}

/** The 1-based paragraph a sentence starts in. */
function paragraphOf(state: RetrievalIndex, document: number, sentence: number): number {
  const start = state.lexical.sentences[sentence]!.start;
  return state.index.documents[document]!.paragraphs.find((p) => p.start <= start && start < p.end + 2)?.number ?? 0;
}

/** A document's sentence ids, in reading order. */
function sentencesOf(state: RetrievalIndex, document: number): number[] {
  const out: number[] = [];
  state.lexical.sentences.forEach((s, id) => {
    if (s.document === document) out.push(id);
  });
  return out;
}

/** A document's sentence ids, most central first; computed once per document and kept with the index. */
export function centralSentences(state: RetrievalIndex, document: number, settings: SummarySettings = DEFAULT_SUMMARY): number[] {
  const known = state.centralSentences.get(document);
  if (known) return known;
  const text = state.index.documents[document]!.text;
  const ids = sentencesOf(state, document).filter((id) => {
    const s = state.lexical.sentences[id]!;
    return countWords(text.slice(s.start, s.end)) >= settings.minWords;
  });
  const terms = ids.map((id) => {
    const s = state.lexical.sentences[id]!;
    return new Set(analyze(text.slice(s.start, s.end)));
  });
  const n = ids.length;
  // TextRank's similarity: shared words over the log of the lengths, so long sentences do not win by size alone.
  const weights: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      let shared = 0;
      for (const t of terms[i]!) if (terms[j]!.has(t)) shared++;
      const norm = Math.log(terms[i]!.size + 1) + Math.log(terms[j]!.size + 1);
      const w = norm > 0 ? shared / norm : 0;
      weights[i]![j] = w;
      weights[j]![i] = w;
    }
  }
  const outSum = weights.map((row) => row.reduce((a, b) => a + b, 0));
  let rank = new Array<number>(n).fill(1 / Math.max(n, 1));
  for (let k = 0; k < settings.iterations; k++) {
    const next = new Array<number>(n).fill((1 - settings.damping) / Math.max(n, 1));
    for (let j = 0; j < n; j++) {
      if (outSum[j] === 0) continue;
      const share = (settings.damping * rank[j]!) / outSum[j]!;
      for (let i = 0; i < n; i++) if (weights[j]![i]! > 0) next[i]! += share * weights[j]![i]!;
    }
    rank = next;
  }
  const order = ids
    .map((id, i) => ({ id, score: rank[i]! * (1 + settings.leadBonus * (n > 1 ? 1 - i / (n - 1) : 1)) }))
    .sort((a, b) => b.score - a.score || a.id - b.id)
    .map((x) => x.id);
  state.centralSentences.set(document, order);
  return order;
}

/** Each chosen sentence in the first passage that holds it whole (else the first that overlaps it), highlighted; one quote per passage, in reading order. */
function quote(state: RetrievalIndex, sentences: number[]): QuotedPassage[] {
  const { index, lexical } = state;
  const byPassage = new Map<number, Span[]>();
  for (const id of [...new Set(sentences)].sort((a, b) => a - b)) {
    const s = lexical.sentences[id]!;
    const holders = lexical.sentencePassages[id] ?? [];
    const whole = holders.find((p) => index.passages[p]!.start <= s.start && index.passages[p]!.end >= s.end);
    const p = whole ?? holders[0];
    if (p === undefined) continue;
    const passage = index.passages[p]!;
    const span = { start: Math.max(s.start, passage.start) - passage.start, end: Math.min(s.end, passage.end) - passage.start };
    if (span.end <= span.start) continue;
    let spans = byPassage.get(p);
    if (!spans) byPassage.set(p, (spans = []));
    spans.push(span);
  }
  const titles = new Map(index.documents.map((d) => [d.id, d.metadata.title ?? d.id]));
  return [...byPassage.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([p, highlights]) => {
      const passage = index.passages[p]!;
      return { passage, source: titles.get(passage.documentId) ?? passage.documentId, score: 1, relevance: 1, highlights };
    });
}
