/**
 * Reading the dataset from disk without trusting what is there: only regular files are read (a
 * FIFO would block for ever, a device would never end), each within a size limit, and links are
 * followed to the file they lead to; what cannot be read is named, never skipped in silence.
 */
import { constants, type Dirent, type Stats } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import path from 'node:path';

/** Far beyond any real file (the benchmark's largest data file, 1,000 claims, is 0.7 MB). */
export const MAX_BYTES = { dataFile: 32 * 2 ** 20, reportText: 8 * 2 ** 20 } as const;

export type ReadText = { ok: true; text: string } | { ok: false; reason: string; missing: boolean };

/**
 * The text of a regular file of at most `maxBytes`, else why it cannot be read (`missing` when
 * there is no such file). Links are followed, unless `links` is 'refuse': files the bot writes
 * itself are never links, so one there leads somewhere the bot did not put it.
 */
export async function readRegularFile(
  file: string,
  maxBytes: number,
  links: 'follow' | 'refuse' = 'follow',
): Promise<ReadText> {
  try {
    // Not blocking: opening a FIFO would otherwise wait for a writer, for ever.
    const noFollow = links === 'refuse' ? (constants.O_NOFOLLOW ?? 0) : 0;
    const handle = await open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | noFollow);
    try {
      const info = await handle.stat();
      if (!info.isFile()) {
        const kind = kindOf(info);
        return {
          ok: false,
          missing: false,
          reason: `it is ${kind}, not a file; only regular files are read${kind === 'a folder' ? ', and links to folders are not followed' : ''}`,
        };
      }
      if (info.size > maxBytes) {
        return {
          ok: false,
          missing: false,
          reason: `it is ${megabytes(info.size)}, more than the ${megabytes(maxBytes)} a file may be`,
        };
      }
      return { ok: true, text: await handle.readFile('utf8') };
    } finally {
      await handle.close();
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return {
      ok: false,
      missing: code === 'ENOENT',
      reason:
        code === 'ELOOP' && links === 'refuse'
          ? 'it is a link; the bot writes these files itself and never as links'
          : failure(error),
    };
  }
}

/**
 * The files under `folder` (relative to `root`) whose names match, whatever they are, so that the
 * reader can refuse what is not a regular file by name; and every link to a folder, which recursive
 * listing does not follow: it is listed so that it is refused by name too.
 */
export async function listFiles(root: string, folder: string, names: RegExp): Promise<string[]> {
  const entries = await readdir(path.join(root, folder), { recursive: true, withFileTypes: true });
  const listed: string[] = [];
  for (const entry of entries) {
    if (entry.isDirectory()) continue;
    if (names.test(entry.name) || (entry.isSymbolicLink() && (await leadsToFolder(entry)))) {
      listed.push(path.relative(root, path.join(entry.parentPath, entry.name)));
    }
  }
  return listed.sort();
}

async function leadsToFolder(link: Dirent): Promise<boolean> {
  const target = await stat(path.join(link.parentPath, link.name)).catch(() => undefined);
  return target?.isDirectory() ?? false;
}

function failure(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'it does not exist (or is a link to nothing)';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'it is a link that leads back to itself';
    case 'ENXIO':
      return 'it is a socket or a device, not a file; only regular files are read';
    default:
      return code ?? (error instanceof Error ? error.message : String(error));
  }
}

function kindOf(info: Stats): string {
  if (info.isDirectory()) return 'a folder';
  if (info.isFIFO()) return 'a named pipe (FIFO)';
  if (info.isSocket()) return 'a socket';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  return 'something other than a file';
}

function megabytes(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(1).replace(/\.0$/, '')} MB`;
}
