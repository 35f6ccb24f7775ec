/** /casualties: per measure, every source's figure with speaker and qualifier, the range, the conservative figure, the verdict. */
import { compareFigures } from '../src/compare/compare.js';
import type { Dataset } from '../src/dataset/dataset.js';
import { findIncident, incidentChoices } from '../src/dataset/lookup.js';
import type { Incident } from '../src/dataset/schema.js';
import { addIncidentOption, unknownIncident } from '../src/interaction/common.js';
import { addPrivateOption, slashCommand } from '../src/interaction/define.js';
import { stringOption } from '../src/interaction/options.js';
import { respond } from '../src/interaction/respond.js';
import type { CommandModule } from '../src/interaction/types.js';
import { comparisonHeading, measureLines } from '../src/present/comparisons.js';
import { sourceLines } from '../src/present/sources.js';
import type { Briefing } from '../src/render/briefing.js';

export const casualties: CommandModule = {
  definition: addPrivateOption(
    addIncidentOption(
      slashCommand(
        'casualties',
        'Killed, injured and attackers: every figure with its source, and where they conflict',
      ),
    ),
  ).toJSON(),

  handle(input, { dataset }) {
    const incident = findIncident(dataset, stringOption(input, 'incident'));
    if (!incident) return unknownIncident(input, dataset);
    return respond(input, casualtiesBriefing(dataset, incident));
  },

  autocomplete: (focused, _input, { dataset }) => incidentChoices(dataset, focused.value),
};

export function casualtiesBriefing(dataset: Dataset, incident: Incident): Briefing {
  const claims = dataset.claimsByIncident.get(incident.id) ?? [];
  const comparisons = compareFigures(claims, dataset).filter((c) => c.subject === incident.id);
  const conflicts = comparisons.filter((c) => c.verdict === 'differ').length;
  return {
    title: `Casualties: ${incident.title}`,
    description:
      comparisons.length === 0
        ? 'No casualty figures are recorded for this incident.'
        : conflicts > 0
          ? `⚠️ The sources conflict on ${conflicts} of ${comparisons.length} figures. Each figure is shown with its source; none is picked over another.`
          : `No figures conflict across the ${comparisons.length} measures; ${comparisons.filter((c) => c.verdict === 'single_source').length} of them are reported by one source only.`,
    sections: comparisons.map((c) => ({
      heading: comparisonHeading(dataset, c),
      lines: measureLines(dataset, c),
    })),
    sources: sourceLines(dataset, new Set(claims.filter((c) => c.figure).map((c) => c.source))),
    footer: 'Conservative figure: the lowest reported, as ACLED codes fatalities when reports differ.',
    tone: conflicts > 0 ? 'conflict' : 'neutral',
  };
}
