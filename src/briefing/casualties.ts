/** The figures /casualties shows and the digest charts: casualties and attackers, by measure. */
import { compareFigures, type MeasureComparison } from '../compare/figures.js';
import { memoPerObject } from '../dataset/memo.js';
import type { Incident } from '../dataset/schema.js';
import { isCasualtyFigure } from './comparisons.js';
import { sortByMeasure } from './lines.js';

/**
 * The incident's own figures of casualties and attackers, then those spanning it and other events:
 * sorted once per dataset, as /casualties, /incident and the digest all read them.
 */
export const casualtyComparisons = memoPerObject(
  (dataset, incident: Incident): readonly MeasureComparison[] => {
    const all = compareFigures(dataset.claimsByIncident.get(incident.id) ?? [], dataset).filter(
      isCasualtyFigure,
    );
    return Object.freeze([
      ...sortByMeasure(
        dataset,
        all.filter((c) => c.subject === incident.id),
      ),
      ...all.filter((c) => c.covers?.includes(incident.id)),
    ]);
  },
);
