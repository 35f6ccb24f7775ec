/** The configuration read from the environment: what it takes, and what it refuses, naming the variable. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from '../src/config.js';

/** The message readConfig refuses `env` with, or null when it takes it. */
function refusal(env: Record<string, string>): string | null {
  try {
    readConfig(env);
    return null;
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
}

describe('HEALTH_PORT', () => {
  it.each(['8080', '1', '65535'])('takes %s', (port) => {
    expect(readConfig({ HEALTH_PORT: port }).health).toEqual({ port: Number(port), host: '127.0.0.1' });
  });

  it.each(['1e3', '0x50', ' 8080 ', '8080.0', '+80', '-1', '0', '65536', '99999999', 'http'])(
    'refuses %j, saying a port is digits from 1 to 65535',
    (port) => {
      expect(refusal({ HEALTH_PORT: port })).toMatch(
        /HEALTH_PORT: expected a port (number )?from 1 to 65535/,
      );
    },
  );
});

describe('HEALTH_HOST', () => {
  it.each(['127.0.0.1', '0.0.0.0', '::', '::1', 'localhost', 'health.internal'])('takes %s', (host) => {
    expect(readConfig({ HEALTH_PORT: '8080', HEALTH_HOST: host }).health).toEqual({ port: 8080, host });
  });

  it.each(['not a host', 'http://127.0.0.1', '[::1]', '127.0.0.1:8080', 'host/'])('refuses %j', (host) => {
    expect(refusal({ HEALTH_PORT: '8080', HEALTH_HOST: host })).toMatch(
      /HEALTH_HOST: expected an address such as 127\.0\.0\.1, ::1 or 0\.0\.0\.0, or a host name/,
    );
  });
});

describe('STATE_DIR', () => {
  it('takes a folder, or one not made yet', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'state-'));
    try {
      expect(readConfig({ STATE_DIR: dir }).stateDir).toBe(dir);
      expect(readConfig({ STATE_DIR: path.join(dir, 'new') }).stateDir).toBe(path.join(dir, 'new'));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses a device, a file, or a path through a file', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'state-'));
    const file = path.join(dir, 'a-file');
    await writeFile(file, '');
    try {
      expect(refusal({ STATE_DIR: '/dev/null' })).toMatch(/STATE_DIR: \/dev\/null is not a folder/);
      expect(refusal({ STATE_DIR: file })).toMatch(/STATE_DIR: .*a-file is not a folder/);
      expect(refusal({ STATE_DIR: path.join(file, 'x') })).toMatch(
        /STATE_DIR: .*a-file\/x cannot be used as a folder \(ENOTDIR/,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('SHARD_COUNT and SHARDS', () => {
  it('runs one shard unless told otherwise', () => {
    expect(readConfig({}).sharding).toBeNull();
  });

  it('takes auto, Discord’s recommended count, for a process that runs every shard', () => {
    expect(readConfig({ SHARD_COUNT: 'auto' }).sharding).toEqual({ count: 'auto' });
  });

  it('runs every shard of a set count when SHARDS names none', () => {
    expect(readConfig({ SHARD_COUNT: '4' }).sharding).toEqual({ count: 4, shards: [0, 1, 2, 3] });
  });

  it.each([
    ['0,1', [0, 1]],
    ['2-3', [2, 3]],
    [' 3 , 1-2 ', [1, 2, 3]],
    ['[0,2]', [0, 2]],
    ['1,1', [1]],
  ])('takes SHARDS=%j as the shards of this machine', (shards, ids) => {
    expect(readConfig({ SHARD_COUNT: '4', SHARDS: shards }).sharding).toEqual({ count: 4, shards: ids });
  });

  it.each(['0', '-1', 'four', '2.5'])('refuses SHARD_COUNT=%j', (count) => {
    expect(refusal({ SHARD_COUNT: count })).toMatch(/SHARD_COUNT: expected auto, or a number of shards/);
  });

  it.each(['a', '0;1', '1-', ','])('refuses SHARDS=%j', (shards) => {
    expect(refusal({ SHARD_COUNT: '4', SHARDS: shards })).toMatch(/SHARDS: expected shard numbers/);
  });

  it('refuses shards split between machines without a count every machine agrees on', () => {
    expect(refusal({ SHARDS: '0,1' })).toMatch(/SHARDS: needs SHARD_COUNT set/);
    expect(refusal({ SHARD_COUNT: 'auto', SHARDS: '0,1' })).toMatch(/SHARDS: needs SHARD_COUNT set/);
  });

  it('refuses a shard past the count, which Discord would refuse at identify', () => {
    expect(refusal({ SHARD_COUNT: '4', SHARDS: '2,4' })).toMatch(
      /SHARDS: shard 4 is not below SHARD_COUNT=4/,
    );
  });
});

describe('TEST_CLOCK', () => {
  it('takes a moment, the real instant it was read and a speed', () => {
    expect(readConfig({ TEST_CLOCK: '2026-03-02T04:00:00Z at 1765099200000 x6' }).testClock).toEqual({
      from: new Date('2026-03-02T04:00:00Z'),
      at: 1765099200000,
      speed: 6,
    });
  });

  it.each(['2026-03-02T04:00:00Z', 'soon at 1765099200000 x6', '2026-03-02T04:00:00Z at 1 x0'])(
    'refuses %j',
    (clock) => {
      expect(refusal({ TEST_CLOCK: clock })).toMatch(/TEST_CLOCK: expected/);
    },
  );
});
