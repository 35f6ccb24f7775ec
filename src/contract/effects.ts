/**
 * What a command can ask the adapter to do, as plain data: `/digest status|set|now|off` check
 * their input and return one of these, and the Discord adapter carries it out (src/discord/).
 */

/** always: post at every slot; changed: only when the dataset changed since the last digest. */
export const DIGEST_MODES = ['always', 'changed'] as const;

export type DigestEffect =
  | { kind: 'digest.status' }
  | {
      kind: 'digest.set';
      channelId: string;
      cron?: string;
      timeZone?: string;
      incident?: string;
      mode?: (typeof DIGEST_MODES)[number];
    }
  | { kind: 'digest.off' }
  | { kind: 'digest.now' };
