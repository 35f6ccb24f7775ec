/** `npm run validate`: load and check the dataset exactly as the bot does at start. */
import path from 'node:path';
import { loadDotEnv, readDataDir } from '../config.js';
import { loadDataset } from '../dataset/load.js';
import { DatasetError } from '../dataset/problems.js';
import { findDrafts, findStrayTexts } from '../dataset/unfinished.js';
import { endOnOutputErrors, exitOnStartupError } from '../startup.js';

endOnOutputErrors();
try {
  loadDotEnv();
  const dataDir = readDataDir();
  const named = new Set<string>();
  try {
    const dataset = await loadDataset(dataDir);
    console.log(
      `${dataDir}: valid. ${dataset.sources.length} sources, ${dataset.incidents.length} incidents, ${dataset.claims.length} claims, every quote found in its source text. Version ${dataset.version}.`,
    );
    for (const source of dataset.sources) {
      console.log(`  ${source.id}: ${dataset.claimsBySource.get(source.id)?.length ?? 0} claims`);
      named.add(path.join('sources', source.text_file));
    }
  } catch (error) {
    if (!(error instanceof DatasetError)) throw error;
    console.error(`${dataDir}: ${error.message}`);
    process.exitCode = 1;
  }
  await reportUnfinished(dataDir, named);
} catch (error) {
  exitOnStartupError(error);
}

/** Drafts and stray texts are not problems of the dataset (the bot ignores them), but a curator should know. */
async function reportUnfinished(dataDir: string, named: ReadonlySet<string>): Promise<void> {
  const drafts = await findDrafts(dataDir);
  if (drafts.length > 0) console.log('Drafts, not loaded until renamed to end in .yaml:');
  for (const { file, reviewLines } of drafts) {
    const left =
      reviewLines.length === 0
        ? 'nothing left to review: rename it'
        : `${reviewLines.length} notes left to review, at lines ${reviewLines.slice(0, 12).join(', ')}${reviewLines.length > 12 ? ', …' : ''}`;
    console.log(`  ${file}: ${left}`);
  }
  for (const text of await findStrayTexts(dataDir, named))
    console.log(
      `${text}: a report's text with no data file beside it: add ${path.basename(text, '.txt')}.yaml (npm run draft -- ${path.join(dataDir, text)} drafts one), or remove it`,
    );
}
