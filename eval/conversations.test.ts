// Quality gate for conversations (npm run eval:check): follow-ups must gain from context what a
// chat user expects, and context must take nothing away from first or self-contained questions.
// Floors with a margin under the figures measured when this was written (follow-up 90% right first,
// 40% for the same lines asked alone; identical answers 100%); see /work/notes/h10b.md. Over four SQuAD
// articles the rules were not written on (eval/sets/conversations-squad, hconv and hconv2): floors under 44/59
// follow-ups right first (32/59 alone), 0 answerable declined, identical first and self-contained answers.
// Over the four held-out articles of eval/sets/unseen: floors under the session-start figures (totals only).
import { beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_ARTICLE } from '../src/config.js';
import { repoRoot } from '../test/helpers/run-cli.js';
import { parseConversations, readConversations, runConversationEval, type ConversationReport } from './conversations.js';

const SET = 'eval/sets/conversations.jsonl';
const SQUAD_SETS = ['rhine', 'steam-engine', 'immune-system', 'normans'].map((article) => `eval/sets/conversations-squad/${article}`);
const UNSEEN_SETS = ['amazon-rainforest', 'computational-complexity-theory', 'intergovernmental-panel-on-climate-change', 'packet-switching'].map((article) => `eval/sets/unseen/${article}`);

describe('conversation set and scorer', () => {
  it('rejects a conversation file whose later turns do not say whether they lean on the turn before', () => {
    const line = JSON.stringify({ id: 'x', turns: [{ question: 'q', answerable: true, expect: ['a'] }, { question: 'q2', answerable: true, expect: ['b'] }] });
    expect(() => parseConversations(line, 'c.jsonl')).toThrow(/c\.jsonl line 1: turn 2 must say followUp/);
    expect(() => parseConversations('{', 'c.jsonl')).toThrow(/line 1 is not JSON/);
  });
});

describe('conversations about the bundled article', () => {
  let report: ConversationReport;
  beforeAll(async () => {
    report = await runConversationEval({ corpus: BUNDLED_ARTICLE, cwd: repoRoot, conversations: readConversations(`${repoRoot}/${SET}`) });
  }, 120_000);

  it('quotes the right passage first for most follow-ups, far more often than the same lines asked alone', () => {
    expect(report.followUp.n).toBeGreaterThanOrEqual(25);
    expect(report.followUp.rightFirst).toBeGreaterThanOrEqual(0.8);
    expect(report.followUp.rightFirst - report.followUp.rightFirstAlone).toBeGreaterThanOrEqual(0.3);
    // Two-sided: context must not turn answerable follow-ups into declines.
    expect(report.followUp.wronglyDeclined).toBeLessThanOrEqual(1);
  });

  it('declines an unanswerable follow-up of an unanswerable question', () => {
    const c22 = report.turns.filter((t) => t.conversation === 'c22');
    expect(c22.every((t) => t.correct)).toBe(true);
  });

  it('answers first turns and self-contained questions after a conversation exactly as alone', () => {
    expect(report.first.identical).toBe(1);
    expect(report.selfContained.n).toBeGreaterThanOrEqual(3);
    expect(report.selfContained.identical).toBe(1);
  });

  it('continues "more" with passages not shown yet, or says there are none', () => {
    expect(report.more.n).toBeGreaterThanOrEqual(2);
    expect(report.more.continued).toBe(1);
  });
});

interface SquadConversationGate {
  /** At least this many follow-up turns in the sets (a set that shrinks must not pass by shrinking). */
  minFollowUps: number;
  /** Follow-ups whose right passage is first, in conversation. */
  minRight: number;
  /** How many more follow-ups are right in conversation than the same lines asked alone. */
  minGain: number;
  /** Answerable follow-ups declined (two-sided: context must not turn answers into declines). */
  maxWronglyDeclined: number;
  minSelfContained: number;
}

/** The conversation gate over article folders that each hold article.txt and conversations.jsonl. */
function gateSquadConversations(title: string, folders: string[], gate: SquadConversationGate): void {
  describe(title, () => {
    const reports: ConversationReport[] = [];
    beforeAll(async () => {
      for (const folder of folders) {
        reports.push(await runConversationEval({ corpus: `${folder}/article.txt`, cwd: repoRoot, conversations: readConversations(`${repoRoot}/${folder}/conversations.jsonl`) }));
      }
    }, 180_000);
    // Counts over the articles together (each report gives shares of its own n).
    const total = (pick: (r: ConversationReport) => { n: number }, share: (r: ConversationReport) => number) => reports.reduce((sum, r) => sum + Math.round(share(r) * pick(r).n), 0);
    const n = (pick: (r: ConversationReport) => { n: number }) => reports.reduce((sum, r) => sum + pick(r).n, 0);

    it(`quotes the right passage first for most follow-ups, more often than the same lines asked alone: ${JSON.stringify(gate)}`, () => {
      expect(n((r) => r.followUp)).toBeGreaterThanOrEqual(gate.minFollowUps);
      const right = total((r) => r.followUp, (r) => r.followUp.rightFirst);
      const alone = total((r) => r.followUp, (r) => r.followUp.rightFirstAlone);
      expect(right).toBeGreaterThanOrEqual(gate.minRight);
      expect(right - alone).toBeGreaterThanOrEqual(gate.minGain);
      expect(reports.reduce((sum, r) => sum + r.followUp.wronglyDeclined, 0)).toBeLessThanOrEqual(gate.maxWronglyDeclined);
    });

    it('answers first turns and self-contained questions after a conversation exactly as alone, and pages on with "more"', () => {
      for (const report of reports) {
        expect(report.first.identical).toBe(1);
        // A set may hold no self-contained or "more" turn for one article (its share is then 0 of 0).
        if (report.selfContained.n > 0) expect(report.selfContained.identical).toBe(1);
        if (report.more.n > 0) expect(report.more.continued).toBe(1);
      }
      expect(n((r) => r.selfContained)).toBeGreaterThanOrEqual(gate.minSelfContained);
    });
  });
}

// Development sets of the follow-up rules (hconv; normans added by hconv2): today 44/59 right first (30/43 on the first
// three, 14/16 on normans), 32/59 alone, 0 answerable declined, 7 self-contained turns.
gateSquadConversations('conversations about four SQuAD articles the follow-up rules were not written on', SQUAD_SETS, { minFollowUps: 56, minRight: 40, minGain: 8, maxWronglyDeclined: 1, minSelfContained: 7 });

// HELD OUT (eval/sets/unseen, hset): only totals are read, by the lead; nobody tunes on them. 25/39 follow-ups right
// first at the session start (92b123c), 30/39 after the follow-up work (c57c99c), 16/39 alone; 2 answerable follow-ups
// declined at both.
// Floors under the start figure, so the gate guards against losing what held out before any tuning.
gateSquadConversations('conversations about four held-out SQuAD dev articles (eval/sets/unseen)', UNSEEN_SETS, { minFollowUps: 39, minRight: 23, minGain: 7, maxWronglyDeclined: 3, minSelfContained: 2 });
