/**
 * `npm run digest`: print the digest that would be posted now, as text, or with `--json` as the
 * exact message payloads (one per line), and write its chart to CHART_DIR, or with `--out DIR`
 * the text (digest.txt or digest.json) and the chart together in DIR. `--incident ID` picks an
 * incident other than the latest.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { withPictures } from '../chart/attach.js';
import { picturesText, withFilesListed, writePictures } from '../chart/files.js';
import { loadDotEnv, readConfig } from '../config.js';
import { loadDataset } from '../dataset/load.js';
import { findIncident } from '../dataset/names.js';
import { buildDigest } from '../digest/build.js';
import { renderBriefing } from '../render/render.js';
import { briefingToText } from '../render/text.js';
import { describeError, endOnOutputErrors, exitOnStartupError } from '../startup.js';

endOnOutputErrors();
try {
  const { values } = parseArgs({
    options: { json: { type: 'boolean' }, incident: { type: 'string' }, out: { type: 'string' } },
  });
  loadDotEnv();
  const config = readConfig();
  const dataset = await loadDataset(config.dataDir);
  const incident = findIncident(dataset, values.incident);
  if (!incident) {
    process.stderr.write(
      `No incident "${values.incident}". Known: ${dataset.incidents.map((i) => i.id).join(', ')}\n`,
    );
    process.exit(1);
  }
  const { briefing, chart } = buildDigest({ dataset, incident, previous: null });
  const failed = (error: unknown) => process.stderr.write(`${describeError(error)}\n`);
  const written = await writePictures(chart, values.out ?? config.chartDir, failed);
  const text = values.json
    ? (await withPictures(renderBriefing(briefing), written.size > 0 ? chart : undefined, failed)).messages
        .map((m) => JSON.stringify(withFilesListed(m, written)))
        .join('\n')
    : briefingToText(briefing);
  if (values.out) {
    await mkdir(values.out, { recursive: true });
    const file = path.resolve(values.out, values.json ? 'digest.json' : 'digest.txt');
    await writeFile(file, `${text}\n`);
    process.stdout.write(`Digest: ${file}\n${picturesText(written)}\n`);
  } else
    process.stdout.write(`${[text, values.json ? '' : picturesText(written)].filter(Boolean).join('\n')}\n`);
} catch (error) {
  exitOnStartupError(error);
}
