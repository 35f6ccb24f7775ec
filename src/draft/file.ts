/** A report's text on disk drafted into `<name>.draft.yaml` beside it, never over a draft already there. */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Dataset } from '../dataset/dataset.js';
import { MAX_BYTES, readRegularFile } from '../dataset/read.js';
import { reviewLinesOf } from '../dataset/unfinished.js';
import { type DraftOptions, draftReport } from './draft.js';
import { draftYaml } from './write.js';

export interface DraftWritten {
  file: string;
  claims: number;
  reviews: number;
}

export class DraftError extends Error {}

/** The draft's name beside its text: `report.txt` → `report.draft.yaml`. */
export function draftPathOf(textPath: string): string {
  return textPath.replace(/(\.txt)?$/, '.draft.yaml');
}

export async function draftFile(
  textPath: string,
  dataset: Dataset,
  options: Omit<DraftOptions, 'textFile'> & { force?: boolean },
): Promise<DraftWritten> {
  if (!textPath.endsWith('.txt'))
    throw new DraftError(`expected a report's text in a .txt file, not ${textPath}`);
  const read = await readRegularFile(textPath, MAX_BYTES.reportText);
  if (!read.ok) throw new DraftError(`${textPath} cannot be read: ${read.reason}`);
  const textFile = path.basename(textPath);
  const { force, ...rest } = options;
  const draft = draftReport(read.text, dataset, { ...rest, textFile });
  const yaml = draftYaml(draft, textFile);
  const file = draftPathOf(textPath);
  try {
    await writeFile(file, yaml, { flag: force ? 'w' : 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST')
      throw new DraftError(
        `${file} already exists, perhaps with a curator's edits: it is kept (--force replaces it)`,
      );
    throw new DraftError(`${file} cannot be written: ${(error as Error).message}`);
  }
  return { file, claims: draft.claims.length, reviews: reviewLinesOf(yaml).length };
}
