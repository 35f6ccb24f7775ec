/** /casualties: per measure, every source's figure with speaker and qualifier, the range, the conservative figure, the verdict. */

import { comparisonHeading, isCasualtyFigure, measureLines } from '../src/briefing/comparisons.js';
import { escapeText } from '../src/briefing/markdown.js';
import type { Briefing } from '../src/briefing/model.js';
import { sourceLines } from '../src/briefing/sources.js';
import { incidentCommand } from '../src/command/common.js';
import { compareFigures } from '../src/compare/figures.js';
import type { Dataset } from '../src/dataset/dataset.js';
import type { Incident } from '../src/dataset/schema.js';

export const casualties = incidentCommand(
  'casualties',
  'Killed, injured and attackers: every figure with its source, and where they conflict',
  casualtiesBriefing,
);

export function casualtiesBriefing(dataset: Dataset, incident: Incident): Briefing {
  const claims = dataset.claimsByIncident.get(incident.id) ?? [];
  // The incident's own figures, then figures that span it and other events (set apart, reconciled);
  // figures of other kinds (a distance) are for /incident and /compare.
  const all = compareFigures(claims, dataset).filter(isCasualtyFigure);
  const comparisons = [
    ...all.filter((c) => c.subject === incident.id),
    ...all.filter((c) => c.covers?.includes(incident.id)),
  ];
  const conflicts = comparisons.filter((c) => c.verdict === 'differ').length;
  return {
    title: `Casualties: ${escapeText(incident.title)}`,
    description:
      comparisons.length === 0
        ? 'No casualty figures are recorded for this incident.'
        : conflicts > 0
          ? `⚠️ The sources conflict on ${conflicts} of ${comparisons.length} figures. Each figure is shown with its source; none is picked over another.`
          : `No figures conflict across the ${comparisons.length} measures; ${comparisons.filter((c) => c.verdict === 'single_origin').length} of them are reported by one source only.`,
    sections: comparisons.map((c) => ({
      heading: escapeText(comparisonHeading(dataset, c)),
      lines: measureLines(dataset, c),
    })),
    sources: sourceLines(dataset, new Set(claims.filter((c) => c.figure).map((c) => c.source))),
    footer: 'Conservative figure: the lowest reported, as ACLED codes fatalities when reports differ.',
    tone: conflicts > 0 ? 'conflict' : 'neutral',
  };
}
