// Quality gates as floors and ceilings, never exact pins, and two-sided: a set's gate bounds ranking
// (hit@1, hit@3 floors), declining (a floor on right calls = unanswerable declined + answerable answered)
// and over-declining (a ceiling on answerable questions wrongly declined). A change that declines more
// off-topic questions at the cost of one answerable question passes when the right calls do not fall
// below the floor and the wrongly declined stay under the ceiling; a change that wins on one side by
// giving up more on the other fails. Every figure a gate holds is today's measurement minus a margin;
// eval/README.md lists the measurements.
import type { Metrics } from './score.js';

export interface Gate {
  /** Over answerable questions (0..1), higher = better. */
  minHit1?: number;
  minHit3?: number;
  /** Unanswerable questions declined + answerable questions answered (a count), higher = better. */
  minRightCalls: number;
  /** Answerable questions wrongly declined (a count), lower = better. */
  maxWronglyDeclined: number;
}

/** Unanswerable declined + answerable not declined: every decision the decline rule got right. */
export function rightCalls(m: Metrics): number {
  return m.declined + (m.answerable - m.wronglyDeclined);
}

/**
 * Checks `m` against `gate`. Returns one line per failed bound, each with the measured figure and the
 * bound, so a failing test says which side moved and by how much; an empty list means the gate holds.
 */
export function checkGate(m: Metrics, gate: Gate): string[] {
  const failures: string[] = [];
  if (gate.minHit1 !== undefined && m.hit1 < gate.minHit1) failures.push(`hit@1 ${m.hit1.toFixed(3)} < floor ${gate.minHit1}`);
  if (gate.minHit3 !== undefined && m.hit3 < gate.minHit3) failures.push(`hit@3 ${m.hit3.toFixed(3)} < floor ${gate.minHit3}`);
  const right = rightCalls(m);
  if (right < gate.minRightCalls) {
    failures.push(`right calls ${right}/${m.answerable + m.unanswerable} (declined ${m.declined}/${m.unanswerable}, answered ${m.answerable - m.wronglyDeclined}/${m.answerable}) < floor ${gate.minRightCalls}`);
  }
  if (m.wronglyDeclined > gate.maxWronglyDeclined) failures.push(`wrongly declined ${m.wronglyDeclined}/${m.answerable} > ceiling ${gate.maxWronglyDeclined}`);
  return failures;
}
