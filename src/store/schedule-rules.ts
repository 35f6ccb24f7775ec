/** The one place that says what a digest schedule may be: a cron expression and an IANA time zone. */
import { validateDetailed } from 'node-cron';
import { z } from 'zod';
import { isKnownTimeZone } from '../dataset/schema.js';

export const CRON_EXAMPLE = '0 9 * * 1-5 (09:00 on weekdays)';
export const TIME_ZONE_EXAMPLE = 'Asia/Karachi';

/** null when valid, else a message that says what is wrong and shows a valid example. */
export function cronProblem(expression: string): string | null {
  const fields = expression.trim().split(/\s+/).length;
  if (fields !== 5) {
    return `"${expression}" has ${fields} fields; a digest schedule has 5 (minute hour day-of-month month day-of-week). Try e.g. ${CRON_EXAMPLE}.`;
  }
  const result = validateDetailed(expression.trim());
  if (result.valid) return null;
  const details = result.errors.map((e) => `${e.field}: ${e.message}`).join('; ');
  return `"${expression}" is not a cron expression (${details || 'expected 5 or 6 fields'}). Try e.g. ${CRON_EXAMPLE}.`;
}

export function timeZoneProblem(zone: string): string | null {
  return isKnownTimeZone(zone)
    ? null
    : `"${zone}" is not an IANA time zone. Try e.g. ${TIME_ZONE_EXAMPLE}, Europe/London or UTC.`;
}

/** always: post at every slot; changed: only when the dataset changed since the last digest. */
export const DigestMode = z.enum(['always', 'changed'], { error: 'expected always or changed' });
export type DigestMode = z.infer<typeof DigestMode>;

/** What a server that has set nothing gets: from the environment, read by the configuration. */
export interface DigestDefaults {
  channelId: string | undefined;
  cron: string;
  timeZone: string;
  mode: DigestMode;
}

export const CronExpression = z.string().refine((v) => cronProblem(v) === null, {
  error: (issue) => cronProblem(String(issue.input)) ?? '',
});

export const TimeZone = z.string().refine((v) => timeZoneProblem(v) === null, {
  error: (issue) => timeZoneProblem(String(issue.input)) ?? '',
});
