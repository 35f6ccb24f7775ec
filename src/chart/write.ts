/** Pictures written to a folder, for the console and `npm run digest`, which have no Discord to send them to. */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { MessagePayload } from '../render/payload.js';
import { pictureFiles } from './attach.js';
import type { FiguresChart } from './figures.js';

/** The chart's pictures, drawn (once) and written to `dir`: file name to path. */
export async function writePictures(
  chart: FiguresChart | undefined,
  dir: string,
): Promise<Map<string, string>> {
  const written = new Map<string, string>();
  if (!chart) return written;
  await mkdir(dir, { recursive: true });
  for (const file of await pictureFiles(chart)) {
    const at = path.resolve(dir, file.name);
    await writeFile(at, file.data);
    written.set(file.name, at);
  }
  return written;
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
      description: f.description,
      path: written.get(f.name),
    })),
  };
}
