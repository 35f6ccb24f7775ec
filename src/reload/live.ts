/**
 * The dataset the bot serves, kept current: loaded again when data/ changes or on SIGHUP, checked
 * as at start, and swapped in whole. Every reply and digest reads the dataset once, when it is
 * worked out (`current()`), so it is made of one dataset from start to end; a dataset with
 * problems is refused, with every problem logged as `npm run validate` lists it, and the one
 * loaded before keeps serving. The old dataset, and every cache kept for it (WeakMaps keyed by
 * dataset), is dropped once no reply holds it.
 */
import type { Dataset } from '../dataset/dataset.js';
import { briefProblem, DatasetError, formatProblem } from '../dataset/problems.js';
import type { Logger } from '../log.js';
import { plural } from '../plural.js';
import { type DataWatch, type WatchOptions, type WatchStatus, watchData } from './watch.js';

/** Problems a refusal shows on Discord and in the health report; `npm run validate` lists them all. */
export const PROBLEMS_SHOWN = 5;
/** Problems the log line of a refusal holds, each cut to a few hundred characters. */
export const PROBLEMS_LOGGED = 20;
const LOGGED_PROBLEM_CHARS = 300;

/** What is being served, for /digest status and the health endpoint. */
export interface DatasetStatus {
  version: string;
  sources: number;
  claims: number;
  loadedAt: Date;
  /**
   * The last reload, when it was refused or failed and no reload has succeeded since: how many
   * problems, and the first few in brief (file, line and what was expected; see briefProblem).
   */
  refused: { at: Date; count: number; problems: string[] } | null;
  /** How changes to the folder are noticed; `off` when only SIGHUP reloads. */
  watch: { mode: WatchStatus['mode'] | 'off'; problem: string | null };
}

/** The dataset as the bot reads it: the one being served, and what it is. */
export interface ServedDataset {
  current(): Dataset;
  status(): DatasetStatus;
}

export type ReloadOutcome =
  | { outcome: 'loaded'; version: string; previous: string }
  | { outcome: 'unchanged'; version: string }
  /** The data has problems, each as `file:line: field: message`. */
  | { outcome: 'refused'; problems: string[] }
  | { outcome: 'failed'; error: unknown };

export interface LiveDatasetOptions {
  /** The dataset's folder, and the dataset loaded from it at start. */
  dir: string;
  dataset: Dataset;
  logger: Logger;
  /** Loads and checks the folder: on a worker thread in the bot (loadInWorker). */
  load: (dir: string) => Promise<Dataset>;
  /** Builds what should be ready before the dataset serves (the /ask index), so no reply waits for it. */
  prepare?: (dataset: Dataset) => Promise<void>;
  now?: () => Date;
}

export class LiveDataset implements ServedDataset {
  private dataset: Dataset;
  private loadedAt: Date;
  private refused: DatasetStatus['refused'] = null;
  private running: Promise<ReloadOutcome> | undefined;
  private watching: DataWatch | undefined;
  private queued: Promise<ReloadOutcome> | undefined;
  private readonly now: () => Date;
  /** The options but the first dataset, which must not outlive its replacement. */
  private readonly options: Omit<LiveDatasetOptions, 'dataset'>;

  constructor({ dataset, ...options }: LiveDatasetOptions) {
    this.dataset = dataset;
    this.options = options;
    this.now = options.now ?? (() => new Date());
    this.loadedAt = this.now();
  }

  readonly current = (): Dataset => this.dataset;

  status(): DatasetStatus {
    return {
      version: this.dataset.version,
      sources: this.dataset.sources.length,
      claims: this.dataset.claims.length,
      loadedAt: this.loadedAt,
      refused: this.refused,
      watch: this.watching?.status() ?? { mode: 'off', problem: null },
    };
  }

  /** Reloads whenever the folder changes, until `stopWatching`. */
  watch(options: Omit<WatchOptions, 'logger'> = {}): DataWatch {
    this.watching?.close();
    const watching = watchData(this.options.dir, () => void this.reload('data changed'), {
      logger: this.options.logger,
      ...options,
    });
    this.watching = watching;
    return watching;
  }

  stopWatching(): void {
    this.watching?.close();
    this.watching = undefined;
  }

  /**
   * Loads the folder again and serves it if it is sound. A reload asked for while one runs is
   * done once more after it, however many were asked for: the files may have changed since the
   * running one read them.
   */
  reload(reason: string): Promise<ReloadOutcome> {
    if (!this.running) {
      const running = this.reloadOnce(reason).finally(() => {
        if (this.running === running) this.running = undefined;
      });
      this.running = running;
      return running;
    }
    this.queued ??= this.running.then(() => {
      this.queued = undefined;
      return this.reload(reason);
    });
    return this.queued;
  }

  private async reloadOnce(reason: string): Promise<ReloadOutcome> {
    const { logger, dir } = this.options;
    const started = performance.now();
    let next: Dataset;
    try {
      next = await this.options.load(dir);
      if (next.version !== this.dataset.version) await this.options.prepare?.(next);
    } catch (error) {
      return this.notServed(reason, error);
    }
    this.refused = null;
    if (next.version === this.dataset.version) {
      logger.info({ reason, version: next.version }, 'dataset reloaded: unchanged');
      return { outcome: 'unchanged', version: next.version };
    }
    const previous = this.dataset.version;
    this.dataset = next;
    this.loadedAt = this.now();
    logger.info(
      {
        reason,
        version: next.version,
        previous,
        sources: next.sources.length,
        claims: next.claims.length,
        ms: Math.round(performance.now() - started),
      },
      'dataset reloaded: now serving the new version',
    );
    return { outcome: 'loaded', version: next.version, previous };
  }

  private notServed(reason: string, error: unknown): ReloadOutcome {
    const { logger } = this.options;
    const served = this.dataset.version;
    if (error instanceof DatasetError) {
      const count = error.total;
      this.refused = {
        at: this.now(),
        count,
        problems: error.problems.slice(0, PROBLEMS_SHOWN).map(briefProblem),
      };
      const logged = error.problems
        .slice(0, PROBLEMS_LOGGED)
        .map((p) => cut(formatProblem(p), LOGGED_PROBLEM_CHARS));
      logger.error(
        { reason, dir: this.options.dir, served, count, problems: logged },
        `dataset refused: ${plural(count, 'problem')}${count > logged.length ? ` (the first ${logged.length} here; npm run validate lists every one)` : ''}; version ${served} keeps serving`,
      );
      return { outcome: 'refused', problems: error.problems.map(formatProblem) };
    }
    // An error's own words may hold host paths: they stay in the log.
    this.refused = { at: this.now(), count: 1, problems: ['the reload failed: the reason is in the log'] };
    logger.error(
      { reason, dir: this.options.dir, served, err: error },
      `dataset reload failed; version ${served} keeps serving`,
    );
    return { outcome: 'failed', error };
  }
}

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
