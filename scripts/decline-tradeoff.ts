// The decline rules' trade-off as curves, two-sided: for each value of one rule's parameter (the others
// as in params.ts), per group of questions, how many answerable questions are wrongly declined and how
// many unanswerable ones declined. Reads the tables scripts/decline-features.ts writes and re-decides
// every question with the product's own rule (firstPassageFactor in src/answer/relevance.ts), so a curve
// costs no searching. The value in use is marked *; "none" is the figure without any of these rules.
//   npx tsx scripts/decline-tradeoff.ts <features.tsv>...
import { readFileSync } from 'node:fs';
import { firstPassageFactor } from '../src/answer/relevance.js';
import { DEFAULT_RELEVANCE, type RelevanceSettings } from '../src/retrieval/params.js';
import type { SearchResult } from '../src/retrieval/search.js';

interface Row {
  group: string;
  answerable: boolean;
  result: SearchResult;
  base: number;
}

const rows: Row[] = [];
for (const file of process.argv.slice(2)) {
  const [head, ...lines] = readFileSync(file, 'utf8').trimEnd().split('\n');
  const names = head!.split('\t');
  for (const line of lines) {
    const cells = line.split('\t');
    const v = (name: string): string => cells[names.indexOf(name)] ?? '';
    const n = (name: string): number => Number(v(name));
    // Library rows are grouped by the set they came from; the rest by their group column.
    const group = v('group') === 'library' ? `library ${v('id').split(':')[0]}` : v('group');
    const result = {
      passages: n('score1') > 0 || n('baseRelevance') > 0 ? [{}] : [],
      question: { negated: v('negated') === '1', arithmetic: v('arithmetic') === '1' },
      literal: { passage: n('litPassage'), unmatched: n('unmatched'), unmatchedElsewhere: v('unmatchedElsewhere') === '1', unmatchedKnown: v('unmatchedKnown') === '1' },
      negationShare: n('negationShare'),
      indexSentences: n('indexSentences'),
      ...(v('antonymSwap') ? { antonymSwap: v('antonymSwap') } : {}),
      ...(v('missingNumber') ? { missingNumber: v('missingNumber') } : {}),
    } as unknown as SearchResult;
    rows.push({ group, answerable: v('answerable') === '1', result, base: n('baseRelevance') });
  }
}
const groups = [...new Set(rows.map((r) => r.group))];

function figures(settings: RelevanceSettings): string[] {
  return groups.map((g) => {
    let wrong = 0;
    let answerable = 0;
    let declined = 0;
    let unanswerable = 0;
    for (const r of rows) {
      if (r.group !== g) continue;
      const answered = r.result.passages.length > 0 && r.base * firstPassageFactor(r.result, settings) >= settings.minRelevance;
      if (r.answerable) {
        answerable++;
        if (!answered) wrong++;
      } else {
        unanswerable++;
        if (!answered) declined++;
      }
    }
    return `${wrong}/${answerable} ${declined}/${unanswerable}`;
  });
}

const none: RelevanceSettings = { ...DEFAULT_RELEVANCE, arithmetic: false, unmetNegation: 1, antonymFactor: 1, missingNumberFactor: 1, broadFactor: 1, unnamedFactor: 1 };
const sweeps: [string, keyof RelevanceSettings, number[]][] = [
  ['negationShare', 'negationShare', [0, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 1.01]],
  ['antonymFactor', 'antonymFactor', [1, 0.6, 0.4, 0.3, 0.2, 0]],
  ['missingNumberFactor', 'missingNumberFactor', [1, 0.5, 0]],
  ['broadLiteral', 'broadLiteral', [0, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6]],
  ['broadAbsent', 'broadAbsent', [0.1, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 1.01]],
];
console.log(['rule', 'value', ...groups.map((g) => `${g} (wrongly declined, declined)`)].join('\t'));
console.log(['none', '', ...figures(none)].join('\t'));
for (const [label, key, values] of sweeps) {
  for (const value of values) {
    const mark = DEFAULT_RELEVANCE[key] === value ? '*' : '';
    console.log([label, `${value}${mark}`, ...figures({ ...DEFAULT_RELEVANCE, [key]: value })].join('\t'));
  }
}
