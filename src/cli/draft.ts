/**
 * `npm run draft -- <report.txt> [--id … --outlet … --url … --published … --incident … --force]`: a first
 * draft of a report's claims, from the dataset's own words, written beside the text as
 * `<name>.draft.yaml` for the curator to review and rename.
 */
import { parseArgs } from 'node:util';
import { loadDotEnv, readDataDir } from '../config.js';
import { loadDataset } from '../dataset/load.js';
import { DatasetError } from '../dataset/problems.js';
import { Id, PartialDate, Source } from '../dataset/schema.js';
import { DraftError, draftFile } from '../draft/file.js';
import { endOnOutputErrors, exitOnStartupError } from '../startup.js';

const USAGE =
  'usage: npm run draft -- <report.txt> [--outlet NAME] [--url URL] [--published YYYY-MM-DD] [--incident ID] [--force]';

endOnOutputErrors();
try {
  loadDotEnv();
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      id: { type: 'string' },
      outlet: { type: 'string' },
      url: { type: 'string' },
      published: { type: 'string' },
      incident: { type: 'string' },
      force: { type: 'boolean', default: false },
    },
  });
  const problem = optionProblem(values, positionals);
  if (problem) {
    console.error(`${problem}\n${USAGE}`);
    process.exitCode = 2;
  } else {
    const dataDir = readDataDir();
    const dataset = await loadDataset(dataDir);
    const written = await draftFile(positionals[0] as string, dataset, {
      ...(values.id ? { id: values.id } : {}),
      ...(values.outlet ? { outlet: values.outlet } : {}),
      ...(values.url ? { url: values.url } : {}),
      ...(values.published ? { published: values.published } : {}),
      ...(values.incident ? { incident: values.incident } : {}),
      force: values.force ?? false,
    });
    console.log(
      `${written.file}: ${written.claims} claims drafted, ${written.reviews} notes to review. Review them, then rename the file to end in .yaml; \`npm run validate\` lists what is left.`,
    );
  }
} catch (error) {
  if (error instanceof DraftError) {
    console.error(error.message);
    process.exitCode = 1;
  } else if (error instanceof DatasetError) {
    console.error(`The dataset must be valid to draft from its words: ${error.message}`);
    process.exitCode = 1;
  } else exitOnStartupError(error);
}

function optionProblem(
  values: { id?: string | undefined; url?: string | undefined; published?: string | undefined },
  positionals: readonly string[],
): string | undefined {
  if (positionals.length !== 1) return 'expected the path of one report text (.txt)';
  if (values.id !== undefined && !Id.safeParse(values.id).success)
    return `--id: expected an id of lower-case letters, digits, ".", "_" or "-", not "${values.id}"`;
  if (values.published !== undefined && !PartialDate.safeParse(values.published).success)
    return `--published: expected a date written YYYY, YYYY-MM or YYYY-MM-DD, not "${values.published}"`;
  if (values.url !== undefined && !Source.shape.url.safeParse(values.url).success)
    return `--url: expected a web address such as "https://example.com/report", not "${values.url}"`;
  return undefined;
}
