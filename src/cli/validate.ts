/** `npm run validate`: load and check the dataset exactly as the bot does at start. */
import { loadDotEnv, readConfig } from '../config.js';
import { loadDataset } from '../dataset/load.js';
import { DatasetError } from '../dataset/problems.js';

loadDotEnv();
const { dataDir } = readConfig();
try {
  const dataset = await loadDataset(dataDir);
  const perSource = dataset.sources.map(
    (s) => `${s.id}: ${dataset.claimsBySource.get(s.id)?.length ?? 0} claims`,
  );
  console.log(
    `${dataDir}: valid. ${dataset.sources.length} sources, ${dataset.incidents.length} incidents, ${dataset.claims.length} claims, every quote found in its source text.`,
  );
  for (const line of perSource) console.log(`  ${line}`);
} catch (error) {
  if (!(error instanceof DatasetError)) throw error;
  console.error(`${dataDir}: ${error.message}`);
  process.exitCode = 1;
}
