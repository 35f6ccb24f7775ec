/**
 * Watching the dataset's folder: real files edited in a real folder, the quiet time on a timer the
 * test fires. What arrives from the file system is awaited, never timed.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { type DataWatch, ignoredFile, WATCH_DELAY_MS, watchData } from '../../src/reload/watch.js';

/** The watcher's quiet-time timers, fired by the test; `armed` resolves the next time one is set. */
class QuietTimer {
  private readonly pendingFires = new Set<() => void>();
  private waiting: (() => void) | undefined;
  readonly delays: number[] = [];
  readonly set = (ms: number, fire: () => void) => {
    this.delays.push(ms);
    const once = () => fire();
    this.pendingFires.add(once);
    this.waiting?.();
    return () => void this.pendingFires.delete(once);
  };
  armed(): Promise<void> {
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }
  get pending(): number {
    return this.pendingFires.size;
  }
  /** The quiet time passes: every timer still set fires. */
  elapse(): void {
    const due = [...this.pendingFires];
    this.pendingFires.clear();
    for (const fire of due) fire();
  }
}

describe('watchData', () => {
  let dir: string;
  let timer: QuietTimer;
  let changes: number;
  let watching: DataWatch;
  const logs: string[] = [];

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'watched-data-'));
    await mkdir(path.join(dir, 'sources'));
    timer = new QuietTimer();
    changes = 0;
    watching = watchData(dir, () => changes++, {
      logger: createLogger({ level: 'info', destination: { write: (l: string) => logs.push(l) } }),
      setTimer: timer.set,
    });
  });
  afterEach(async () => {
    watching.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('reports a change in a sub-folder once things have been quiet for the delay', async () => {
    const armed = timer.armed();
    await writeFile(path.join(dir, 'sources', 'new-report.yaml'), 'id: new-report\n');
    await armed;
    expect(changes).toBe(0);
    timer.elapse();
    expect(changes).toBe(1);
    expect(timer.delays.every((ms) => ms === WATCH_DELAY_MS)).toBe(true);
  });

  it('reports many files written together as one change', async () => {
    for (let i = 0; i < 5; i++) {
      const armed = timer.armed();
      await writeFile(path.join(dir, 'sources', `report-${i}.yaml`), `id: report-${i}\n`);
      await writeFile(path.join(dir, 'sources', `report-${i}.txt`), 'text\n');
      await armed;
    }
    // Each write started the quiet time again; only the last one is still pending.
    expect(timer.pending).toBe(1);
    timer.elapse();
    expect(changes).toBe(1);
  });

  it('ignores editors’ swap files and hidden files', () => {
    const ignored = [
      'sources/.report.yaml.swp',
      'sources/report.yaml~',
      '.hidden',
      '.git/index',
      'x/4913.tmp',
    ];
    const data = [
      'sources/report.yaml',
      'context/groups.yml',
      'sources/report.txt',
      'incidents/a.json',
      'sources',
    ];
    expect(ignored.filter(ignoredFile)).toEqual(ignored);
    expect(data.filter(ignoredFile)).toEqual([]);
  });

  it('stops reporting once closed', async () => {
    const armed = timer.armed();
    await writeFile(path.join(dir, 'sources', 'a.yaml'), 'id: a\n');
    await armed;
    watching.close();
    expect(timer.pending).toBe(0);
    timer.elapse();
    expect(changes).toBe(0);
  });

  it('logs a folder it cannot watch, and carries on', () => {
    const missing = watchData(path.join(dir, 'missing'), () => changes++, {
      logger: createLogger({ level: 'info', destination: { write: (l: string) => logs.push(l) } }),
      setTimer: timer.set,
    });
    missing.close();
    expect(logs.some((l) => l.includes('cannot be watched: send SIGHUP to reload it'))).toBe(true);
  });
});
