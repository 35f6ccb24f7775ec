/**
 * `npm run digest`: print the digest that would be posted now, as text, or with `--json` as the
 * exact message payloads (one per line). `--incident ID` picks an incident other than the latest.
 */
import { parseArgs } from 'node:util';
import { loadDotEnv, readConfig } from '../config.js';
import { loadDataset } from '../dataset/load.js';
import { findIncident } from '../dataset/names.js';
import { buildDigest } from '../digest/build.js';
import { renderBriefing } from '../render/render.js';
import { briefingToText } from '../render/text.js';
import { endQuietlyWhenOutputCloses, exitOnStartupError } from '../startup.js';

endQuietlyWhenOutputCloses();
try {
  const { values } = parseArgs({ options: { json: { type: 'boolean' }, incident: { type: 'string' } } });
  loadDotEnv();
  const dataset = await loadDataset(readConfig().dataDir);
  const incident = findIncident(dataset, values.incident);
  if (!incident) {
    process.stderr.write(
      `No incident "${values.incident}". Known: ${dataset.incidents.map((i) => i.id).join(', ')}\n`,
    );
    process.exit(1);
  }
  const { briefing } = buildDigest({ dataset, incident, previous: null });
  process.stdout.write(
    values.json
      ? `${renderBriefing(briefing)
          .messages.map((m) => JSON.stringify(m))
          .join('\n')}\n`
      : `${briefingToText(briefing)}\n`,
  );
} catch (error) {
  exitOnStartupError(error);
}
