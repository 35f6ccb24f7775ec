/** Pictures written to a folder, for the console and `npm run digest`, which have no Discord to send them to. */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { altTextOf, type MessagePayload } from '../render/payload.js';
import { pictureFiles } from './attach.js';
import type { FiguresChart } from './figures.js';

/**
 * The chart's pictures, drawn (once) and written to `dir`, each name prefixed with the dataset's
 * version so that a picture printed earlier is not overwritten by another dataset's: file name to
 * path. None written when they cannot be drawn; `failed` is told why.
 */
export async function writePictures(
  chart: FiguresChart | undefined,
  dir: string,
  failed: (error: unknown) => void,
): Promise<Map<string, string>> {
  const written = new Map<string, string>();
  if (!chart) return written;
  try {
    await inFolder(dir, () => mkdir(dir, { recursive: true }));
    for (const file of await pictureFiles(chart)) {
      const at = path.resolve(dir, `${chart.version}-${file.name}`);
      await inFolder(dir, () => writeFile(at, file.data));
      written.set(file.name, at);
    }
  } catch (error) {
    failed(error);
  }
  return written;
}

/** A step of writing to the folder, whose failure says which folder failed (drawing's failures are the chart's). */
async function inFolder(dir: string, step: () => Promise<unknown>): Promise<void> {
  try {
    await step();
  } catch (error) {
    throw new PicturesNotWritten(dir, error);
  }
}

/** The folder for pictures cannot take them (a file in its place, no permission, a full disk). */
class PicturesNotWritten extends Error {
  override name = 'PicturesNotWritten';
  constructor(dir: string, cause: unknown) {
    super(
      `The chart's pictures could not be written to ${dir} (CHART_DIR): ${cause instanceof Error ? cause.message : String(cause)}`,
      { cause },
    );
  }
}

/** "🖼 Picture figures.png: /tmp/…/figures.png", a line for each picture written. */
export function picturesText(written: ReadonlyMap<string, string>): string {
  return [...written].map(([name, at]) => `🖼 Picture ${name}: ${at}`).join('\n');
}

/** A payload as printed as JSON: its files listed by name, size, alt text and where they were written. */
export function withFilesListed(message: MessagePayload, written: ReadonlyMap<string, string>): object {
  const { files, ...rest } = message;
  if (!files) return rest;
  return {
    ...rest,
    attachments: files.map((f) => ({
      filename: f.name,
      size: f.data.byteLength,
      description: altTextOf(f),
      path: written.get(f.name),
    })),
  };
}
