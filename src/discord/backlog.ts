/**
 * The bot's backlog of interactions, and what it does about it. Discord refuses an answer to an
 * interaction not acknowledged within 3 seconds. In a burst, answering in full one after another
 * (each a reply of a few kilobytes, worked out by its handler) leaves the last ones past the
 * window; a deferred reply is a few bytes. So once `deferAt` interactions wait for their
 * acknowledgement, the next ones are acknowledged first, and their answers worked out and sent
 * after, `answering` at a time, so that acknowledgements keep going out ahead of them.
 * `npm run bench` measures bursts at several thresholds: docs/reliability.md says why these.
 */

export interface BacklogOptions {
  /** Interactions waiting for their acknowledgement at which the next is acknowledged first. */
  deferAt?: number;
  /** Deferred answers worked out and sent at the same time. */
  answering?: number;
}

export const DEFAULT_BACKLOG = { deferAt: 8, answering: 4 } as const;

export class Backlog {
  private waiting = 0;
  private active = 0;
  private readonly queue: (() => void)[] = [];
  private readonly deferAt: number;
  private readonly answering: number;

  constructor(options: BacklogOptions = {}) {
    this.deferAt = options.deferAt ?? DEFAULT_BACKLOG.deferAt;
    this.answering = options.answering ?? DEFAULT_BACKLOG.answering;
  }

  /** Whether the next interaction should be acknowledged before it is worked out. */
  busy(): boolean {
    return this.waiting >= this.deferAt;
  }

  /** An interaction arrived; call the returned function once it is acknowledged (more calls are ignored). */
  arrived(): () => void {
    this.waiting++;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.waiting--;
    };
  }

  /** Runs a deferred answer when one of the `answering` places is free. */
  async later<T>(work: () => Promise<T>): Promise<T> {
    if (this.active >= this.answering) await new Promise<void>((resolve) => this.queue.push(resolve));
    this.active++;
    try {
      return await work();
    } finally {
      this.active--;
      this.queue.shift()?.();
    }
  }
}
