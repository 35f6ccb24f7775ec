/**
 * A server's state file is read as a data file is: a regular file within its size limit, never
 * through a link. Anything else is set aside with its reason, and the server starts afresh.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { guildStateFile, MAX_STATE_BYTES, readGuildState, writeGuildState } from '../../src/store/files.js';
import { CorruptStateError, emptyGuildState } from '../../src/store/records.js';

const run = promisify(execFile);
const GUILD = '100000000000000001';
const NOW = new Date('2026-03-02T04:00:00Z');

describe('reading a server’s state file', () => {
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'state-files-'));
    file = guildStateFile(dir, GUILD);
    await mkdir(path.dirname(file), { recursive: true });
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const refused = async (reason: RegExp) => {
    const error = await readGuildState(dir, GUILD, NOW).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CorruptStateError);
    expect((error as Error).message).toMatch(reason);
    expect(await readdir(path.dirname(file))).toEqual([`${GUILD}.json.corrupt-2026-03-02T04-00-00-000Z`]);
    // The server starts afresh, and its next state is written in place.
    expect(await readGuildState(dir, GUILD, NOW)).toBeNull();
    await writeGuildState(dir, emptyGuildState(GUILD, NOW));
    expect(await readGuildState(dir, GUILD, NOW)).toEqual(emptyGuildState(GUILD, NOW));
  };

  it('a named pipe is refused at once, not waited on', async () => {
    await run('mkfifo', [file]);
    await refused(/it is a named pipe \(FIFO\), not a file/);
  });

  it('a link, even to a good state file elsewhere, is refused: the bot never writes one', async () => {
    const elsewhere = path.join(dir, 'elsewhere.json');
    await writeFile(elsewhere, JSON.stringify(emptyGuildState(GUILD, NOW)));
    await symlink(elsewhere, file);
    await refused(/it is a link/);
  });

  it('a file over the size limit is refused without being read', async () => {
    await writeFile(file, '');
    await truncate(file, MAX_STATE_BYTES + 1);
    await refused(/it is 64 MB, more than the 64 MB a file may be/);
  });
});
