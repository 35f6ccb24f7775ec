import { randomBytes } from 'node:crypto';

/** Discord epoch (2015-01-01T00:00:00.000Z). */
export const DISCORD_EPOCH = 1_420_070_400_000n;

/**
 * Generates real-looking, strictly increasing snowflakes:
 * (ms since Discord epoch) << 22 | worker << 17 | process << 12 | increment.
 */
export class SnowflakeGenerator {
  private lastTimestamp = 0n;
  private increment = 0n;

  constructor(
    private readonly workerId = 1n,
    private readonly processId = 0n,
  ) {}

  /**
   * An id of a millisecond of its own: ids made one after another this way fall on successive
   * shards (`(id >> 22) % shard_count`), as servers made over time do on Discord.
   */
  nextMillisecond(): string {
    return this.next(this.lastTimestamp + 1n);
  }

  next(atLeast = 0n): string {
    let now = BigInt(Date.now()) - DISCORD_EPOCH;
    if (now < atLeast) now = atLeast;
    if (now < this.lastTimestamp) now = this.lastTimestamp;
    if (now === this.lastTimestamp) {
      this.increment += 1n;
      if (this.increment > 0xfffn) {
        // 4096 ids in one millisecond: borrow the next millisecond to stay increasing.
        now += 1n;
        this.increment = 0n;
      }
    } else {
      this.increment = 0n;
    }
    this.lastTimestamp = now;
    return ((now << 22n) | (this.workerId << 17n) | (this.processId << 12n) | this.increment).toString();
  }
}

/** Timestamp (ms) encoded in a snowflake. */
export function snowflakeTimestamp(id: string): number {
  return Number((BigInt(id) >> 22n) + DISCORD_EPOCH);
}

/** An interaction token looking like Discord's (long, url-safe). */
export function interactionToken(id: string): string {
  const raw = Buffer.concat([Buffer.from(`interaction:${id}:`), randomBytes(48)]);
  return raw.toString('base64url');
}

export function isoNow(): string {
  return new Date().toISOString().replace('Z', '+00:00');
}

/** Discord counts string lengths in Unicode code points. */
export function codePoints(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function clone<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}
