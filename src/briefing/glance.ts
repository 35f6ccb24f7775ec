/**
 * A comparison at a glance: a few short lines that a team reads in the middle of a discussion.
 * The verdict and the range first, then the figures grouped by value with the reports behind each
 * (a statement relayed by several named once), then what conflicts. The quotes are one click away
 * (`/quotes`), in the full lines of comparisons.ts.
 */
import type { Verdict } from '../compare/claims.js';
import {
  amountOf,
  conflictsToName,
  fitsParts,
  type MeasureComparison,
  partChecksOf,
} from '../compare/figures.js';
import { describeInterval, formatCount } from '../compare/intervals.js';
import type { PointComparison } from '../compare/statements.js';
import type { ClaimRecord, Dataset } from '../dataset/dataset.js';
import { memoPerObject } from '../dataset/memo.js';
import {
  amountList,
  conflictSides,
  countsPeople,
  heldText,
  includedText,
  NAMED_AT_MOST,
  originName,
  partFiguresText,
  positionLabel,
  subjectName,
  whoGives,
} from './comparisons.js';
import { escapeText } from './markdown.js';
import { sourceTag, sourceTags } from './sources.js';

const VERDICT_WORDS: Record<Verdict, string> = {
  agree: '✅ consistent',
  differ: '⚠️ conflicting',
  single_origin: 'ℹ️ one origin',
  perpetrator_only: '🏴 perpetrators only',
  errors_only: '❓ a probable error only',
};

/** "⚠️ conflicting · 23 to at least 25 · conservative 23 · 🏴 claimed: 20 [5]" */
export function measureVerdictLine(dataset: Dataset, c: MeasureComparison): string {
  const parts = [verdictWords(dataset, c)];
  if (c.lowest && c.highest && c.lowest !== c.highest)
    parts.push(`${escapeText(c.lowest.amount)} to ${escapeText(c.highest.amount)}`);
  if (c.conservative !== null && c.groups.length > 1 && countsPeople(dataset, c))
    parts.push(`conservative ${formatCount(c.conservative)}`);
  for (const p of c.perpetratorClaims)
    parts.push(
      `🏴 claimed: ${escapeText(amountOf(dataset, c.measure, p.figure))} ${sourceTag(dataset, p.claim.source)}`,
    );
  return parts.join(' · ');
}

function verdictWords(dataset: Dataset, c: MeasureComparison | PointComparison): string {
  if (c.verdict === 'single_origin' && c.sources.length > 1)
    return `ℹ️ one origin: ${originName(dataset, c.origins[0] ?? '')}, carried by ${c.sources.length} reports`;
  if (c.kind === 'figures' && c.verdict === 'differ' && c.conflictCount === 0)
    return '⚠️ its parts do not fit';
  if (c.verdict === 'differ' && c.sources.length === 1) return '⚠️ conflicting within one source';
  return VERDICT_WORDS[c.verdict];
}

/** A measure in a few lines: the verdict, the figures grouped by value, what conflicts, what is apart. */
export function measureGlance(dataset: Dataset, c: MeasureComparison): string[] {
  return [...measureGlanceOnce(dataset, c)];
}

/** Worked out once per comparison: every reply that shows it reads the same lines. */
const measureGlanceOnce = memoPerObject((dataset, c: MeasureComparison): readonly string[] => {
  const groups = c.groups
    .map((g) => `**${escapeText(g.amount)}** ${whoGives(dataset, g)}${includedText(dataset, g)}`)
    .join(' · ');
  const lines = [measureVerdictLine(dataset, c)];
  if (groups) lines.push(groups);
  const conflicts = conflictText(c);
  if (conflicts) lines.push(conflicts);
  lines.push(...partConflicts(dataset, c), ...spanFit(dataset, c));
  for (const r of c.likelyErrors)
    lines.push(errorLine(dataset, r.claim, escapeText(amountOf(dataset, c.measure, r.figure))));
  return lines;
});

/** "⚠️ 23 in all [2] is too few for security forces killed at least 24 [5]": only what does not fit. */
function partConflicts(dataset: Dataset, c: MeasureComparison): string[] {
  return c.groups.flatMap((total) => {
    const clashes = partChecksOf(c, total).filter((p) => !p.consistent);
    if (clashes.length === 0) return [];
    return [
      `⚠️ ${escapeText(total.amount)} in all ${sourceTags(dataset, total.sources)} is too few for ${partFiguresText(dataset, clashes)}`,
    ];
  });
}

/** "✅ fits its parts: this incident 23 or more + the Kulachi operation 2 = 25 or more" */
function spanFit(dataset: Dataset, c: MeasureComparison): string[] {
  const r = c.reconciliation;
  if (!r) return [];
  const fits = c.groups.every((g) => fitsParts(g, r));
  const parts = r.parts.map(
    (p) => `${subjectName(dataset, p.subject)} ${p.interval ? describeInterval(p.interval) : 'no figure'}`,
  );
  return [
    `${fits ? '✅ fits' : '⚠️ does not add up to'} its parts: ${parts.join(' + ')} = ${describeInterval(r.sum)}`,
  ];
}

/** "⚠️ 23 conflicts with at least 24, at least 25": each conflict once, from its lower figure. */
function conflictText(c: MeasureComparison): string | undefined {
  // Counted first, named for the first few only: a measure of thousands stays a line.
  const lower = c.groups.filter((g) => conflictsToName(c, g, 0, 'above').more > 0);
  if (lower.length === 0) return undefined;
  const said = lower
    .slice(0, NAMED_AT_MOST)
    .map(
      (g) =>
        `${escapeText(g.amount)} conflicts with ${amountList(conflictsToName(c, g, NAMED_AT_MOST, 'above'))}`,
    );
  const rest = lower.length - said.length;
  return `⚠️ ${said.join('; ')}${rest > 0 ? `; ${formatCount(rest)} more figures conflict with higher ones` : ''}`;
}

/** A point in a line or two: the positions held, with the reports behind each, and what conflicts. */
export function pointGlance(dataset: Dataset, c: PointComparison): string[] {
  return [...pointGlanceOnce(dataset, c)];
}

const pointGlanceOnce = memoPerObject((dataset, c: PointComparison): readonly string[] => {
  // Two positions in conflict read as one line: "a police station [1] vs a security post [2]".
  const rivals = c.positions.length === 2 && c.conflicts.length === 1;
  const held = c.positions.map((p) => heldText(dataset, c, p)).join(rivals ? ' vs ' : ' · ');
  // With no position held, the lines below say what there is: the perpetrators' account, a probable error.
  const lines = [held ? `${verdictWords(dataset, c)}: ${held}` : verdictWords(dataset, c)];
  if (c.conflicts.length > 0 && !rivals)
    lines.push(
      `⚠️ ${conflictSides(c.conflicts)
        .map(
          ({ one, others }) =>
            `${positionLabel(dataset, c.point, one.position)} vs ${others.map((o) => positionLabel(dataset, c.point, o.position)).join(', ')}`,
        )
        .join('; ')}`,
    );
  const broader = c.compatible.filter((p) => p.why === 'broader' || p.why === 'related_groups');
  for (const pair of broader) {
    const wide = pair.broader === pair.b ? pair.b : pair.a;
    const narrow = wide === pair.a ? pair.b : pair.a;
    lines.push(
      `↔ ${positionLabel(dataset, c.point, wide.position)} is a broader answer than ${positionLabel(dataset, c.point, narrow.position)}: no disagreement`,
    );
  }
  if (c.perpetratorClaims.length > 0)
    lines.push(
      `🏴 the perpetrators’ account: ${sourceTags(
        dataset,
        c.perpetratorClaims.map((p) => p.source),
      )}`,
    );
  for (const claim of c.likelyErrors)
    lines.push(errorLine(dataset, claim, positionLabel(dataset, c.point, claim.position ?? '')));
  return lines;
});

/** "❓ the city of Dera Ismail Khan — indileak.com: probable error, not counted" (`what` is escaped already). */
function errorLine(dataset: Dataset, claim: ClaimRecord, what: string): string {
  return `❓ ${what} — ${sourceTag(dataset, claim.source)}: probable error, not counted`;
}
