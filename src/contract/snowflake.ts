/** Discord's ids ("snowflakes"): the one place their form is written. */
import { z } from 'zod';

export const Snowflake = z.string().regex(/^\d{17,20}$/, 'expected a Discord id (17 to 20 digits)');

export function isSnowflake(text: string): boolean {
  return Snowflake.safeParse(text).success;
}
