// Quality next to speed: hit@1 and hit@3 of a pipeline on the bench's generated questions. Each on-topic
// question was made from a few words of one corpus sentence (bench/questions.ts records that stretch as
// `evidence`); a quoted passage "hits" when it holds that stretch, i.e. it is the source sentence's
// passage. Compared as lowercase letter/digit words, so punctuation, quote styles, line breaks and the
// cleaning a pipeline does around words do not decide a hit. The same rule for every row.
import type { BenchQuestion } from './questions.js';

/** Lowercase letter/digit words of `text`, single-spaced and padded, so `includes` matches whole words only. */
export function wordKey(text: string): string {
  const words = text.normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return ` ${words.join(' ')} `;
}

/** 1-based rank of the first passage holding `evidence` (as whole words); undefined when none does. */
export function evidenceRank(passages: readonly string[], evidence: string): number | undefined {
  const key = wordKey(evidence);
  if (key.trim() === '') return undefined;
  const index = passages.findIndex((p) => wordKey(p).includes(key));
  return index >= 0 ? index + 1 : undefined;
}

/**
 * Which question files of eval/sets score a dataset's rows: the library's are the `library-*` sets (people's
 * questions over the bench library as built on this machine); the article's are all the others except
 * conversations (whose follow-up turns do not stand alone). Returns the names, sorted.
 */
export function evalSetsFor(dataset: 'article' | 'library', files: readonly string[]): string[] {
  return files
    .filter((f) => f.endsWith('.jsonl') && f !== 'conversations.jsonl' && f.startsWith('library-') === (dataset === 'library'))
    .sort();
}

export interface HitRates {
  /** On-topic questions scored. */
  questions: number;
  /** Share whose first quoted passage holds the evidence (a declined question is a miss). */
  hit1: number;
  /** Share with the evidence in one of the first three quoted passages. */
  hit3: number;
}

/**
 * hit@1 and hit@3 over the on-topic questions of `questions`, given what the pipeline quoted for each
 * (`quoted[i]` belongs to `questions[i]`; best first; empty when it declined). Off-topic questions are
 * skipped. Returns NaN shares when there is no on-topic question.
 */
export function hitRates(questions: readonly BenchQuestion[], quoted: readonly (readonly string[])[]): HitRates {
  let scored = 0;
  let hit1 = 0;
  let hit3 = 0;
  questions.forEach((q, i) => {
    if (!q.onTopic || q.evidence === undefined) return;
    scored++;
    const rank = evidenceRank(quoted[i] ?? [], q.evidence);
    if (rank === 1) hit1++;
    if (rank !== undefined && rank <= 3) hit3++;
  });
  return { questions: scored, hit1: scored === 0 ? Number.NaN : hit1 / scored, hit3: scored === 0 ? Number.NaN : hit3 / scored };
}
