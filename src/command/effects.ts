/**
 * What a command can ask the adapter to do, as plain data: `/digest status|set|now|off` check
 * their input and return one of these, and the Discord adapter carries it out (src/discord/).
 */
import type { DigestMode } from '../digest/schedule-rules.js';

export type DigestEffect =
  | { kind: 'digest.status' }
  | {
      kind: 'digest.set';
      channelId: string;
      cron?: string;
      timeZone?: string;
      incident?: string;
      mode?: DigestMode;
    }
  | { kind: 'digest.off' }
  | { kind: 'digest.now' };
