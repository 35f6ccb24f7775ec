/** `npm run validate`: load and check the dataset exactly as the bot does at start. */
import { loadDotEnv, readDataDir } from '../config.js';
import { loadDataset } from '../dataset/load.js';
import { DatasetError } from '../dataset/problems.js';
import { endOnOutputErrors, exitOnStartupError } from '../startup.js';

endOnOutputErrors();
try {
  loadDotEnv();
  const dataDir = readDataDir();
  try {
    const dataset = await loadDataset(dataDir);
    console.log(
      `${dataDir}: valid. ${dataset.sources.length} sources, ${dataset.incidents.length} incidents, ${dataset.claims.length} claims, every quote found in its source text. Version ${dataset.version}.`,
    );
    for (const source of dataset.sources) {
      console.log(`  ${source.id}: ${dataset.claimsBySource.get(source.id)?.length ?? 0} claims`);
    }
  } catch (error) {
    if (!(error instanceof DatasetError)) throw error;
    console.error(`${dataDir}: ${error.message}`);
    process.exitCode = 1;
  }
} catch (error) {
  exitOnStartupError(error);
}
