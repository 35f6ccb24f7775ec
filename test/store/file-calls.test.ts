/** The calls kept for long component ids, on a real disk: across restarts, bounded, and tolerant of a bad file. */
import fs from 'node:fs';
import { mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeCall, encodeCall, type StoredCall } from '../../src/contract/calls.js';
import { createLogger, type Logger } from '../../src/log.js';
import { callStoreFile, type FileCalls, fileCalls } from '../../src/store/file-calls.js';
import { fileStore } from '../../src/store/file-store.js';
import type { FileSystem } from '../../src/store/files.js';
import { faultyFs } from '../helpers/faulty-fs.js';

const VERSION = '0123456789';

function question(i: number): StoredCall {
  return {
    call: { command: 'ask', input: { options: { question: `question ${i}: ${'why '.repeat(30)}` } } },
  };
}

/** The store of a process that starts now (or at `now`): it has read the calls kept so far. */
async function opened(
  dir: string,
  options: { logger: Logger; limits?: { calls: number; characters: number }; fs?: FileSystem; now?: Date },
): Promise<FileCalls> {
  const store = fileCalls(dir, { fs, ...options });
  await store.open(options.now ?? new Date());
  return store;
}

describe('the file call store', () => {
  let dir: string;
  let logs: string[];
  let logger: Logger;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'call-store-'));
    logs = [];
    logger = createLogger({ level: 'info', destination: { write: (line: string) => logs.push(line) } });
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps the calls too long for an id, so that they are read back by the next process', async () => {
    const first = await opened(dir, { logger });
    const ids = [0, 1, 2].map((i) => encodeCall(question(i), VERSION, first));
    await first.flush();
    const next = await opened(dir, { logger });
    expect(next.size).toBe(3);
    ids.forEach((id, i) => {
      expect(decodeCall(id, next)).toEqual({ ...question(i), version: VERSION });
    });
    // Written atomically: nothing but the file itself is left in the folder.
    expect(await readdir(dir)).toEqual(['calls.json']);
  });

  it('keeps the most recent calls, up to a count and a size', async () => {
    const store = await opened(dir, { logger, limits: { calls: 3, characters: 1_000_000 } });
    const ids = [0, 1, 2, 3, 4].map((i) => encodeCall(question(i), VERSION, store));
    expect(ids.map((id) => 'problem' in decodeCall(id, store))).toEqual([true, true, false, false, false]);
    await store.flush();
    expect((await opened(dir, { logger })).size).toBe(3);

    const small = await opened(dir, { logger, limits: { calls: 100, characters: 400 } });
    // Read with a smaller bound, the file gives only what fits.
    expect(small.size).toBe(2);
    expect(decodeCall(ids[4] ?? '', small)).toEqual({ ...question(4), version: VERSION });
  });

  it('keeps a call once, however often it is put', async () => {
    const store = await opened(dir, { logger });
    for (let i = 0; i < 5; i++) encodeCall(question(7), VERSION, store);
    expect(store.size).toBe(1);
    await store.flush();
  });

  it.each([
    ['not JSON', '{"version": 1, "calls": [['],
    ['another shape', '{"version": 2, "calls": {}}'],
    ['empty', ''],
  ])('a file that is %s is set aside, and the store starts empty and works', async (_name, content) => {
    await writeFile(callStoreFile(dir), content);
    const store = await opened(dir, { logger, now: new Date('2024-01-02T03:04:05Z') });
    expect(store.size).toBe(0);
    expect(await readdir(dir)).toEqual(['calls.json.corrupt-2024-01-02T03-04-05-000Z']);
    expect(logs.join('')).toMatch(/kept calls file could not be read; set aside/);
    const id = encodeCall(question(1), VERSION, store);
    await store.flush();
    expect(decodeCall(id, await opened(dir, { logger }))).toEqual({ ...question(1), version: VERSION });
  });

  it('drops only the entries it cannot read', async () => {
    const store = await opened(dir, { logger });
    const id = encodeCall(question(1), VERSION, store);
    await store.flush();
    const file = JSON.parse(await readFile(callStoreFile(dir), 'utf8'));
    file.calls.push(['damaged', 'o.x=1']);
    await writeFile(callStoreFile(dir), JSON.stringify(file));
    const next = await opened(dir, { logger });
    expect(next.size).toBe(1);
    expect(decodeCall(id, next)).toEqual({ ...question(1), version: VERSION });
  });

  it('on a disk that cannot be written, logs it and keeps serving its calls until a restart', async () => {
    const disk = { state: 'read-only' as 'ok' | 'read-only' | 'full' };
    const store = await opened(dir, { logger, fs: faultyFs(disk) });
    const id = encodeCall(question(1), VERSION, store);
    await store.flush();
    expect(logs.join('')).toMatch(/kept calls could not be written/);
    expect(decodeCall(id, store)).toEqual({ ...question(1), version: VERSION });
    disk.state = 'full';
    encodeCall(question(2), VERSION, store);
    await store.flush();
    expect(await readdir(dir)).toEqual([]);
    disk.state = 'ok';
    encodeCall(question(3), VERSION, store);
    await store.flush();
    expect((await opened(dir, { logger })).size).toBe(3);
  });

  it('removes a temporary file a crashed write left, once older than any write in progress', async () => {
    const old = path.join(dir, '.calls.json.4242.0123abcd.tmp');
    const fresh = path.join(dir, '.calls.json.4243.0123abcd.tmp');
    await writeFile(old, '{"version": 1, "ca');
    await writeFile(fresh, '{"version": 1, "ca');
    const written = new Date('2024-01-02T03:00:00Z');
    await utimes(old, written, written);
    const lately = new Date('2024-01-02T03:08:00Z');
    await utimes(fresh, lately, lately);
    await fileStore(dir, { logger }).open(new Date('2024-01-02T03:11:00Z'));
    expect(await readdir(dir)).toEqual(['.calls.json.4243.0123abcd.tmp']);
  });
});
