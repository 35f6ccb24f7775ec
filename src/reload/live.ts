/**
 * The dataset the bot serves, kept current: loaded again when data/ changes or on SIGHUP, checked
 * as at start, and swapped in whole. Every reply and digest reads the dataset once, when it is
 * worked out (`current()`), so it is made of one dataset from start to end; a dataset with
 * problems is refused, with every problem logged as `npm run validate` lists it, and the one
 * loaded before keeps serving. The old dataset, and every cache kept for it (WeakMaps keyed by
 * dataset), is dropped once no reply holds it.
 */
import type { Dataset } from '../dataset/dataset.js';
import { DatasetError, formatProblem } from '../dataset/problems.js';
import type { Logger } from '../log.js';
import { plural } from '../plural.js';

/** What is being served, for /digest status and the health endpoint. */
export interface DatasetStatus {
  version: string;
  sources: number;
  claims: number;
  loadedAt: Date;
  /** The last reload, when it was refused or failed and no reload has succeeded since. */
  refused: { at: Date; problems: string[] } | null;
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
    };
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
      const problems = error.problems.map(formatProblem);
      this.refused = { at: this.now(), problems };
      logger.error(
        { reason, dir: this.options.dir, served, count: error.total, problems },
        `dataset refused: ${plural(error.total, 'problem')}${error.total > problems.length ? ` (the first ${problems.length} listed)` : ''}; version ${served} keeps serving`,
      );
      return { outcome: 'refused', problems };
    }
    const message = error instanceof Error ? error.message : String(error);
    this.refused = { at: this.now(), problems: [`the reload failed: ${message}`] };
    logger.error(
      { reason, dir: this.options.dir, served, err: error },
      `dataset reload failed; version ${served} keeps serving`,
    );
    return { outcome: 'failed', error };
  }
}
