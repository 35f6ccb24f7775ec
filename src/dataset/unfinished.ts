/**
 * What `npm run validate` reports beside the dataset's problems: drafts waiting for review (they are
 * not loaded), with the review notes left in each, and report texts that no data file names.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { DRAFT_FILE } from './load.js';
import { listFiles } from './read.js';

/** The mark of a note the curator has still to review in a draft. */
export const REVIEW_MARK = '# review:';

export interface DraftState {
  file: string;
  /** The lines that still hold a review note. */
  reviewLines: number[];
}

export function reviewLinesOf(text: string): number[] {
  return text.split('\n').flatMap((line, i) => (line.trimStart().startsWith(REVIEW_MARK) ? [i + 1] : []));
}

export async function findDrafts(dir: string): Promise<DraftState[]> {
  const files = await listFiles(dir, 'sources', DRAFT_FILE).catch(() => []);
  return Promise.all(
    files.map(async (file) => ({
      file,
      reviewLines: reviewLinesOf(await readFile(path.join(dir, file), 'utf8').catch(() => '')),
    })),
  );
}

/**
 * Report texts under sources/ with neither a data file of the same name nor a draft beside them,
 * and named by no report's `text_file`: a text added and forgotten.
 */
export async function findStrayTexts(dir: string, named: ReadonlySet<string>): Promise<string[]> {
  const texts = await listFiles(dir, 'sources', /\.txt$/).catch(() => []);
  const data = new Set(await listFiles(dir, 'sources', /\.(ya?ml|json)$/).catch(() => []));
  const base = (file: string) => file.replace(/\.txt$/, '');
  return texts.filter(
    (text) =>
      !named.has(text) &&
      !['.yaml', '.yml', '.json', '.draft.yaml'].some((ext) => data.has(`${base(text)}${ext}`)),
  );
}
