/**
 * Node's file system, turned read-only or full on demand, for the state folder: real files on a
 * real disk, failing where such a disk fails (EROFS on any write; ENOSPC on new folders and on
 * writing data, while an empty file can still be created, as on a full ext4 disk).
 */
import fs from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import type { FileSystem } from '../../src/store/files.js';

export type DiskState = 'ok' | 'read-only' | 'full';

const failure = (code: 'EROFS' | 'ENOSPC', syscall: string, file: unknown) =>
  Object.assign(
    new Error(
      `${code}: ${code === 'EROFS' ? 'read-only file system' : 'no space left on device'}, ${syscall} '${String(file)}'`,
    ),
    { code, syscall, path: String(file) },
  );

export function faultyFs(disk: { state: DiskState }): FileSystem {
  const readOnly = () => disk.state === 'read-only';
  const full = () => disk.state === 'full';
  const writing = (flags: unknown) => typeof flags === 'string' && /[wax+]/.test(flags);
  const promises = {
    ...fs.promises,
    async open(file: fs.PathLike, flags?: string | number, mode?: fs.Mode): Promise<FileHandle> {
      if (readOnly() && writing(flags)) throw failure('EROFS', 'open', file);
      const handle = await fs.promises.open(file, flags, mode);
      if (!full() || !writing(flags)) return handle;
      return new Proxy(handle, {
        get(target, property) {
          if (property === 'writeFile' || property === 'write') {
            return async () => {
              throw failure('ENOSPC', 'write', file);
            };
          }
          const value = Reflect.get(target, property);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
    },
    async mkdir(dir: fs.PathLike, options?: fs.MakeDirectoryOptions) {
      if (disk.state !== 'ok' && !fs.existsSync(dir)) {
        throw failure(readOnly() ? 'EROFS' : 'ENOSPC', 'mkdir', dir);
      }
      return fs.promises.mkdir(dir, options);
    },
    async rename(from: fs.PathLike, to: fs.PathLike) {
      if (readOnly()) throw failure('EROFS', 'rename', from);
      return fs.promises.rename(from, to);
    },
    async unlink(file: fs.PathLike) {
      if (readOnly()) throw failure('EROFS', 'unlink', file);
      return fs.promises.unlink(file);
    },
  };
  // The callback forms the lock uses: it creates a folder, touches it, removes it.
  const mkdir = (dir: fs.PathLike, ...rest: unknown[]) => {
    const callback = rest.at(-1) as (error: Error | null) => void;
    if (disk.state !== 'ok') return callback(failure(readOnly() ? 'EROFS' : 'ENOSPC', 'mkdir', dir));
    fs.mkdir(dir, callback);
  };
  const utimes = (file: fs.PathLike, atime: Date, mtime: Date, callback: (error: Error | null) => void) => {
    if (readOnly()) return callback(failure('EROFS', 'utime', file));
    fs.utimes(file, atime, mtime, callback);
  };
  const rmdir = (dir: fs.PathLike, callback: (error: Error | null) => void) => {
    if (readOnly()) return callback(failure('EROFS', 'rmdir', dir));
    fs.rmdir(dir, callback);
  };
  return { ...fs, promises, mkdir, utimes, rmdir } as unknown as FileSystem;
}
