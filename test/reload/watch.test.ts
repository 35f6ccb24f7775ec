/**
 * Watching the dataset's folder: real files edited in a real folder the way editors, sed, git and
 * deployments edit them, the quiet time on a clock the test moves. What arrives from the file
 * system is awaited, never timed: each step waits for the watcher's own account of the file it
 * heard (its trace log), after a barrier file written last, so that an event left over from an
 * earlier step cannot pass for the one awaited.
 */
import { execFileSync } from 'node:child_process';
import { appendFile, cp, mkdir, mkdtemp, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import {
  type DataWatch,
  ignoredFile,
  POLL_INTERVAL_MS,
  WATCH_DELAY_MS,
  WATCH_MAX_WAIT_MS,
  type WatchOptions,
  watchData,
} from '../../src/reload/watch.js';

/** Timers on a clock the test moves; `armed` resolves the next time a timer is set. */
class TestClock {
  now = 0;
  private readonly timers = new Set<{ due: number; ms: number; fire: () => void }>();
  private waiting: (() => void) | undefined;
  readonly set = (ms: number, fire: () => void) => {
    const timer = { due: this.now + ms, ms, fire };
    this.timers.add(timer);
    this.waiting?.();
    this.waiting = undefined;
    return () => void this.timers.delete(timer);
  };
  armed(): Promise<void> {
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }
  pending(ms: number): number {
    return [...this.timers].filter((timer) => timer.ms === ms).length;
  }
  /** Time passes: each timer due fires, in order. */
  advance(ms: number): void {
    const end = this.now + ms;
    for (;;) {
      const [next] = [...this.timers].filter((t) => t.due <= end).sort((a, b) => a.due - b.due);
      if (!next) break;
      this.timers.delete(next);
      this.now = next.due;
      next.fire();
    }
    this.now = end;
  }
}

/** The watcher's log lines as they come, and a wait for the first that names a file after a mark. */
class HeardFiles {
  private readonly lines: { msg: string; file?: string }[] = [];
  private waiter: { from: number; file: string; resolve: () => void } | undefined;
  readonly logger = createLogger({
    level: 'trace',
    destination: {
      write: (line: string) => {
        this.lines.push(JSON.parse(line));
        this.check();
      },
    },
  });
  /** Resolves once the watcher has heard `file` (relative to the data folder) after `edit`. */
  async after(file: string, edit: () => Promise<unknown>): Promise<void> {
    const heard = new Promise<void>((resolve) => {
      this.waiter = { from: this.lines.length, file, resolve };
    });
    await edit();
    this.check();
    await heard;
  }
  messages(): string[] {
    return this.lines.map((l) => l.msg);
  }
  private check() {
    const w = this.waiter;
    if (w && this.lines.slice(w.from).some((l) => l.msg === 'dataset folder changed' && l.file === w.file)) {
      this.waiter = undefined;
      w.resolve();
    }
  }
}

describe('watchData', () => {
  let root: string;
  let dir: string;
  let clock: TestClock;
  let heard: HeardFiles;
  let changes: number[];
  let watching: DataWatch;
  let barriers = 0;

  const file = (name: string) => path.join(dir, name);
  const start = async (options: Partial<WatchOptions> = {}) => {
    watching = watchData(dir, () => changes.push(clock.now), {
      logger: heard.logger,
      setTimer: clock.set,
      ...options,
    });
    await watching.settled();
  };

  beforeEach(async () => {
    // The data folder inside a folder of the test's own, so that the folder holding it is quiet.
    root = await mkdtemp(path.join(tmpdir(), 'watched-data-'));
    dir = path.join(root, 'data');
    await mkdir(path.join(dir, 'sources'), { recursive: true });
    await writeFile(file('sources/report.yaml'), 'id: report\n');
    clock = new TestClock();
    heard = new HeardFiles();
    changes = [];
    await start();
  });
  afterEach(async () => {
    watching.close();
    await rm(root, { recursive: true, force: true });
  });

  /**
   * After a step that replaced files or folders: the watcher has settled, has heard a new file
   * written in `folder` (so every event of the step has been delivered), and reports the change.
   */
  async function afterStep(folder = 'sources') {
    await watching.settled();
    const barrier = path.join(folder, `barrier-${++barriers}.yaml`);
    await heard.after(barrier, () => writeFile(file(barrier), 'barrier\n'));
    await watching.settled();
    clock.advance(WATCH_DELAY_MS);
  }

  /** A later edit of the file in place is heard, and reported once the quiet time has passed. */
  async function editInPlaceIsReported(name = 'sources/report.yaml') {
    const before = changes.length;
    await heard.after(name, () => appendFile(file(name), '# edited in place\n'));
    clock.advance(WATCH_DELAY_MS);
    expect(changes.length).toBe(before + 1);
  }

  it('reports a change in a sub-folder once things have been quiet for the delay', async () => {
    const armed = clock.armed();
    await writeFile(file('sources/new-report.yaml'), 'id: new-report\n');
    await armed;
    clock.advance(WATCH_DELAY_MS - 1);
    expect(changes).toEqual([]);
    clock.advance(1);
    expect(changes).toEqual([WATCH_DELAY_MS]);
  });

  it('reports many files written together as one change', async () => {
    for (let i = 0; i < 5; i++) {
      await heard.after(`sources/report-${i}.yaml`, async () => {
        await writeFile(file(`sources/report-${i}.yaml`), `id: report-${i}\n`);
        await writeFile(file(`sources/report-${i}.txt`), 'text\n');
      });
    }
    // Each write started the quiet time again; only the last one is still pending.
    expect(clock.pending(WATCH_DELAY_MS)).toBe(1);
    clock.advance(WATCH_DELAY_MS);
    expect(changes).toHaveLength(1);
  });

  it('reports edits that never pause, at the latest the longest wait after the first', async () => {
    // 23 edits 900 ms apart: the quiet time never passes. Before the longest wait, none was reported.
    for (let i = 0; i < 23; i++) {
      await heard.after('sources/report.yaml', () => appendFile(file('sources/report.yaml'), `# ${i}\n`));
      clock.advance(900);
    }
    expect(changes[0]).toBe(WATCH_MAX_WAIT_MS);
    expect(changes.length).toBeGreaterThanOrEqual(Math.floor((23 * 900) / (WATCH_MAX_WAIT_MS + 900)));
    for (let i = 1; i < changes.length; i++)
      expect((changes[i] ?? 0) - (changes[i - 1] ?? 0)).toBeLessThanOrEqual(WATCH_MAX_WAIT_MS + 900);
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
    const armed = clock.armed();
    await writeFile(file('sources/a.yaml'), 'id: a\n');
    await armed;
    watching.close();
    clock.advance(WATCH_MAX_WAIT_MS);
    expect(changes).toEqual([]);
  });

  describe('keeps hearing a file after it is replaced', () => {
    it('by an atomic save: a temporary file renamed over it', async () => {
      await heard.after('sources/report.yaml', async () => {
        await writeFile(file('sources/report.yaml.new'), 'id: report\nsaved: atomically\n');
        await rename(file('sources/report.yaml.new'), file('sources/report.yaml'));
      });
      await afterStep();
      await editInPlaceIsReported();
      await editInPlaceIsReported();
    });

    it('by sed -i', async () => {
      await heard.after('sources/report.yaml', async () =>
        execFileSync('sed', ['-i', 's/report/report-2/', file('sources/report.yaml')]),
      );
      await afterStep();
      await editInPlaceIsReported();
    });

    it('by git checkout', async () => {
      const git = (...args: string[]) =>
        execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], {
          cwd: dir,
          stdio: 'pipe',
        });
      git('init', '-q');
      git('add', '.');
      git('commit', '-q', '-m', 'data');
      await appendFile(file('sources/report.yaml'), 'changed: yes\n');
      await heard.after('sources/report.yaml', async () => git('checkout', '--', 'sources/report.yaml'));
      await afterStep();
      await editInPlaceIsReported();
    });
  });

  describe('keeps hearing a folder after it is replaced', () => {
    it('sources removed and copied back (rm -rf, then cp -r)', async () => {
      await cp(file('sources'), path.join(root, 'sources-copy'), { recursive: true });
      await heard.after('sources', async () => {
        await rm(file('sources'), { recursive: true, force: true });
        await cp(path.join(root, 'sources-copy'), file('sources'), { recursive: true });
      });
      await afterStep();
      await editInPlaceIsReported();
    });

    it('the data folder itself removed and copied back', async () => {
      await cp(dir, path.join(root, 'data-copy'), { recursive: true });
      await heard.after('.', async () => {
        await rm(dir, { recursive: true, force: true });
        await cp(path.join(root, 'data-copy'), dir, { recursive: true });
      });
      await afterStep();
      await editInPlaceIsReported();
    });

    it('the data folder replaced by a rename (mv data.new data)', async () => {
      await cp(dir, path.join(root, 'data.new'), { recursive: true });
      await heard.after('.', async () => {
        await rm(dir, { recursive: true, force: true });
        await rename(path.join(root, 'data.new'), dir);
      });
      await afterStep();
      await editInPlaceIsReported();
    });

    it('sources swapped for a link and back', async () => {
      await heard.after('sources', async () => {
        await rename(file('sources'), path.join(root, 'sources-real'));
        await symlink(path.join(root, 'sources-real'), file('sources'));
      });
      await watching.settled();
      await heard.after('sources', async () => {
        await rm(file('sources'));
        await rename(path.join(root, 'sources-real'), file('sources'));
      });
      await afterStep();
      await editInPlaceIsReported();
    });

    it('the data folder swapped for a link, edited through it, and back', async () => {
      await heard.after('.', async () => {
        await rename(dir, path.join(root, 'data-real'));
        await symlink(path.join(root, 'data-real'), dir);
      });
      await afterStep();
      await editInPlaceIsReported();
      await heard.after('.', async () => {
        await rm(dir);
        await rename(path.join(root, 'data-real'), dir);
      });
      await afterStep();
      await editInPlaceIsReported();
    });
  });

  it('watches a folder anew after its watch fails', async () => {
    // Node's own watch, kept so that the test can make one fail as a watch does on some systems.
    const made: { folder: string; watcher: import('node:fs').FSWatcher }[] = [];
    const { watch } = await import('node:fs');
    const keeping = ((folder: string, ...rest: unknown[]) => {
      const watcher = (watch as (...args: unknown[]) => import('node:fs').FSWatcher)(folder, ...rest);
      made.push({ folder, watcher });
      return watcher;
    }) as unknown as typeof watch;
    watching.close();
    await start({ watch: keeping });
    made.find((m) => m.folder === file('sources'))?.watcher.emit('error', new Error('EPERM'));
    await afterStep();
    await editInPlaceIsReported();
  });

  describe('where the folder cannot be watched', () => {
    /** fs.watch as it fails when the kernel has no inotify watches left. */
    const outOfWatches = (() => {
      throw Object.assign(new Error('ENOSPC: System limit for number of file watchers reached, watch'), {
        code: 'ENOSPC',
      });
    }) as unknown as typeof import('node:fs').watch;

    beforeEach(async () => {
      watching.close();
      await start({ watch: outOfWatches });
    });

    it('says so, and polls instead', async () => {
      expect(watching.status()).toEqual({
        mode: 'polling',
        problem: expect.stringMatching(/^the dataset folder cannot be watched \(ENOSPC.*checked every 2 s/),
      });
      expect(heard.messages()).toContain(watching.status().problem);
    });

    it('notices an edit in place and a replaced folder by polling', async () => {
      for (const edit of [
        () => appendFile(file('sources/report.yaml'), '# edited\n'),
        async () => {
          await rm(file('sources'), { recursive: true });
          await mkdir(file('sources'));
          await writeFile(file('sources/report.yaml'), 'id: report\n');
        },
      ]) {
        const before = changes.length;
        await edit();
        const armed = clock.armed();
        clock.advance(POLL_INTERVAL_MS);
        await armed;
        clock.advance(WATCH_DELAY_MS);
        expect(changes.length).toBe(before + 1);
      }
    });
  });
});
