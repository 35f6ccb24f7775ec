/**
 * Figure groups as an answer cites them: groups that share a relayed statement are one cluster
 * ("23 or at least 23, the military's figure"), and clusters are ordered by independent origins,
 * the most often reported first.
 */
import type { FigureGroup } from '../compare/figures.js';

export interface Cited {
  amounts: string[];
  sources: string[];
  origins: string[];
  /** The relayed statements behind it, by id. */
  statements: string[];
  speakers: string[];
  /** The measure counted, when an answer cites figures of several (one report's account). */
  measure?: string;
}

export type FigureCluster = Cited;

const STATEMENT = 'statement:';

export function citeGroups(groups: readonly FigureGroup[]): FigureCluster[] {
  const clusters: FigureCluster[] = [];
  // Which cluster holds each statement: looked up, not searched, so a measure of thousands of
  // figures is cited in linear time.
  const clusterOf = new Map<string, number>();
  for (const group of groups) {
    const statements = group.origins
      .filter((o) => o.startsWith(STATEMENT))
      .map((o) => o.slice(STATEMENT.length));
    const held = statements.flatMap((s) => clusterOf.get(s) ?? []);
    const at = held.length > 0 ? Math.min(...held) : clusters.length;
    const joined = clusters[at];
    if (joined) {
      joined.amounts.push(group.amount);
      addAll(joined.sources, group.sources);
      addAll(joined.origins, group.origins);
      addAll(joined.statements, statements);
    } else {
      clusters.push({
        amounts: [group.amount],
        sources: [...group.sources],
        origins: [...group.origins],
        statements,
        speakers: [],
      });
    }
    for (const statement of statements) if (!clusterOf.has(statement)) clusterOf.set(statement, at);
  }
  // Stable: equally reported clusters keep the comparison's order, lowest first.
  return clusters.sort((a, b) => b.origins.length - a.origins.length);
}

function addAll(into: string[], items: readonly string[]): void {
  for (const item of items) if (!into.includes(item)) into.push(item);
}
