/**
 * The time the bot reads, and its waits: the real clock, or a test clock that starts at a set
 * moment and runs faster (TEST_CLOCK), so that minutes of scheduled digests pass in seconds in
 * processes a test starts and kills. Waits are shortened by the same factor, so a schedule's
 * wake-up comes when the fast clock reaches it.
 */
export interface ClockSetting {
  /** The moment the clock read… */
  from: Date;
  /** …at this instant of the real clock, in milliseconds since 1970. */
  at: number;
  /** How many times as fast as the real clock it runs. */
  speed: number;
}

export interface Clock {
  now(): Date;
  /** Calls `wake` once `ms` of this clock's milliseconds have passed; returns what cancels it. */
  setTimer(ms: number, wake: () => Promise<void>): () => void;
  sleep(ms: number): Promise<void>;
}

export function fastClock({ from, at, speed }: ClockSetting, realNow: () => number = Date.now): Clock {
  const real = (ms: number) => Math.max(0, ms / speed);
  return {
    now: () => new Date(from.getTime() + (realNow() - at) * speed),
    setTimer(ms, wake) {
      const timer = setTimeout(() => void wake(), real(ms));
      // Like the real schedule's timers, it never keeps the process alive by itself.
      timer.unref();
      return () => clearTimeout(timer);
    },
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, real(ms))),
  };
}
