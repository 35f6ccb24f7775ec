/**
 * /group's briefing: a group's names, how each source characterises it, its claim of responsibility
 * and its people (a spokesman), its relations to other groups, and its history.
 *
 * Which claims go where (claims "about" a group are those that name it in `about` or a relation):
 * - characterisation: topic `group_profile`, undated, whose primary subject is the group (the
 *   relation's subject, else the first group in `about`); a claim that describes another group
 *   and only mentions this one is shown under relations or "also said" instead;
 * - responsibility: topic `responsibility`, the incidents recorded as claimed by it, and the
 *   group's own statements (perpetrator claims);
 * - people: everyone whose `group` is it, with the claims about them;
 * - relations: claims with a `relation` that has the group at either end;
 * - history: claims about it with a date, or naming a dated event, in date order;
 * - also said: anything else about it, so nothing the sources say is left out.
 */
import { compareStatements } from '../compare/statements.js';
import type { ClaimRecord, Dataset } from '../dataset/dataset.js';
import { memoPerObject } from '../dataset/memo.js';
import type { Group } from '../dataset/schema.js';
import { framingBottomLine } from './bottom-line.js';
import { REPLY_BUDGET } from './budget.js';
import { citation } from './claims.js';
import { pointHeading } from './comparisons.js';
import { formatPartialDate, formatPartialDateWithPrecision } from './dates.js';
import { groupTitle, relationText } from './entities.js';
import { pointGlance } from './glance.js';
import { claimBrief, claimsOnce } from './lines.js';
import { escapeText } from './markdown.js';
import type { Briefing, Section } from './model.js';
import { citedSources } from './sources.js';

/** The group a claim is mainly about: a relation's subject, else the first group it names. */
function primaryGroup(dataset: Dataset, claim: ClaimRecord): string | undefined {
  if (claim.relation) return claim.relation.subject;
  return claim.about.find((id) => dataset.entityById.get(id)?.kind === 'group');
}

/** A claim's date, or the date of the first event it names. */
function claimDate(dataset: Dataset, claim: ClaimRecord): string | undefined {
  if (claim.date) return claim.date;
  for (const id of claim.about) {
    const entity = dataset.entityById.get(id);
    if (entity?.kind === 'event') return entity.value.date;
  }
  return undefined;
}

/**
 * A group's briefing: a view of the dataset, like the context's, worked out once per group and
 * read by every /group that names it.
 */
export const groupBriefing = memoPerObject((dataset, group: Group): Briefing => {
  const about = dataset.claimsByEntity.get(group.id) ?? [];
  const shown = new ShownClaims(dataset);
  // In this order: people, own statements, history and the rest leave out the claims shown before them.
  const characterisation = characterisationLines(dataset, group, about, shown);
  const responsibility = responsibilityLines(dataset, group, about, shown);
  const people = peopleLines(dataset, group, shown);
  // After its people, so that a spokesman's statements stay with him.
  responsibility.push(...shown.lines(about.filter((c) => c.status === 'perpetrator_claim' && !shown.has(c))));
  const relations = relationLines(dataset, group, about, shown);
  const history = historyLines(dataset, about, shown);
  const rest = shown.lines(about.filter((c) => !shown.has(c)));
  const differs = characterisation.differing > 0;
  return {
    title: `Group: ${groupTitle(group)}`,
    description: framingBottomLine(dataset, about, characterisation.differing),
    sections: groupSections({
      names: nameLines(group),
      characterisation: characterisation.lines,
      responsibility,
      people,
      relations,
      history,
      rest,
    }),
    sources: citedSources(dataset, shown.sources),
    footer: '🏴 marks the group’s own claims, which no source has verified. Other groups: /group name:…',
    tone: differs ? 'conflict' : 'neutral',
    partBudget: REPLY_BUDGET,
  };
});

/** The claims the briefing has shown so far, and the sources they cite. */
class ShownClaims {
  private readonly ids = new Set<string>();
  readonly sources = new Set<string>();

  constructor(private readonly dataset: Dataset) {}

  add(claim: ClaimRecord): void {
    this.ids.add(claim.id);
    this.sources.add(claim.source);
  }

  has(claim: ClaimRecord): boolean {
    return this.ids.has(claim.id);
  }

  /** Claims' lines, marking them shown: the same words from several reports said once. */
  lines(claims: readonly ClaimRecord[]): string[] {
    for (const claim of claims) this.add(claim);
    return claimsOnce(this.dataset, claims);
  }

  /** A claim's line, marking it shown; 🏴 marks the group's own claims. */
  line(claim: ClaimRecord, prefix = ''): string {
    this.add(claim);
    return `${claim.status === 'perpetrator_claim' ? '🏴' : '•'} ${prefix}${claimBrief(this.dataset, claim)}`;
  }
}

function nameLines(group: Group): string[] {
  const aliases = group.aliases.filter((a) => a !== group.short && a !== group.name);
  const names = [`**${escapeText(group.name)}**${group.short ? ` (${escapeText(group.short)})` : ''}`];
  if (aliases.length > 0) names.push(`Also written: ${aliases.map(escapeText).join(', ')}`);
  names.push(`Kind: ${escapeText(group.kind)}`);
  return names;
}

/** How the sources characterise the group: their undated profiles of it, compared point by point. */
function characterisationLines(
  dataset: Dataset,
  group: Group,
  about: readonly ClaimRecord[],
  shown: ShownClaims,
): { lines: string[]; differing: number } {
  const profile = about.filter(
    (c) =>
      c.topic === 'group_profile' &&
      claimDate(dataset, c) === undefined &&
      primaryGroup(dataset, c) === group.id,
  );
  const lines: string[] = [];
  const comparisons = compareStatements(profile, dataset);
  for (const comparison of comparisons) {
    lines.push(`__${escapeText(pointHeading(dataset, comparison.point))}__`);
    lines.push(...pointGlance(dataset, comparison));
    for (const claim of [...comparison.positions.flatMap((p) => p.claims), ...comparison.perpetratorClaims]) {
      shown.add(claim);
    }
  }
  lines.push(...shown.lines(profile.filter((c) => !c.point)));
  return { lines, differing: comparisons.filter((c) => c.verdict === 'differ').length };
}

/** The incidents recorded as claimed by the group, and the claims about responsibility. */
function responsibilityLines(
  dataset: Dataset,
  group: Group,
  about: readonly ClaimRecord[],
  shown: ShownClaims,
): string[] {
  const lines = dataset.incidents
    .filter((i) => i.responsible_group === group.id)
    .map(
      (incident) =>
        `**Claimed:** ${escapeText(incident.title)} (${formatPartialDate(incident.date)}, \`${incident.id}\`)`,
    );
  lines.push(...shown.lines(about.filter((c) => c.topic === 'responsibility')));
  return lines;
}

/** Its people, with what the sources say about them (a spokesman's statements among them). */
function peopleLines(dataset: Dataset, group: Group, shown: ShownClaims): string[] {
  const lines: string[] = [];
  for (const person of dataset.people.filter((p) => p.group === group.id)) {
    lines.push(`**${escapeText(person.name)}**: ${escapeText(person.role)}`);
    for (const claim of dataset.claimsByEntity.get(person.id) ?? []) {
      // A dated claim that also names the group is left for its history.
      const forHistory = claim.about.includes(group.id) && claimDate(dataset, claim) !== undefined;
      if (!shown.has(claim) && !forHistory) lines.push(shown.line(claim));
    }
  }
  return lines;
}

/** Relations to other groups, either way round. */
function relationLines(
  dataset: Dataset,
  group: Group,
  about: readonly ClaimRecord[],
  shown: ShownClaims,
): string[] {
  return about
    .filter((c) => c.relation && (c.relation.subject === group.id || c.relation.object === group.id))
    .map((claim) => {
      shown.add(claim);
      return `${relationText(dataset, claim.relation ?? { type: '', subject: '', object: '' })} ${citation(dataset, claim)}`;
    });
}

/** Dated claims not shown yet (or claims naming a dated event), in date order. */
function historyLines(dataset: Dataset, about: readonly ClaimRecord[], shown: ShownClaims): string[] {
  return about
    .filter((c) => !shown.has(c))
    .map((claim) => ({ claim, date: claimDate(dataset, claim) }))
    .filter((h): h is { claim: ClaimRecord; date: string } => h.date !== undefined)
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
    .map(({ claim, date }) => shown.line(claim, `**${formatPartialDateWithPrecision(date)}**: `));
}

interface GroupLines {
  names: string[];
  characterisation: string[];
  responsibility: string[];
  people: string[];
  relations: string[];
  history: string[];
  rest: string[];
}

/** The sections in reading order; an empty one says so, or is left out where absence says enough. */
function groupSections(lines: GroupLines): Section[] {
  const sections: Section[] = [
    { heading: 'Names', lines: lines.names },
    {
      heading: 'How the sources characterise it',
      lines: orElse(lines.characterisation, 'No source characterises this group.'),
    },
    {
      heading: 'Responsibility and its own statements',
      lines: orElse(lines.responsibility, 'No claim of responsibility is recorded.'),
    },
  ];
  if (lines.people.length > 0)
    sections.push({ heading: 'Its people (spokesman and others)', lines: lines.people });
  sections.push({
    heading: 'Relations to other groups',
    lines: orElse(lines.relations, 'No source states a relation to another group.'),
  });
  if (lines.history.length > 0) sections.push({ heading: 'History', lines: lines.history });
  if (lines.rest.length > 0)
    sections.push({ heading: 'What else the sources say about it', lines: lines.rest });
  return sections;
}

function orElse(lines: string[], none: string): string[] {
  return lines.length > 0 ? lines : [none];
}
