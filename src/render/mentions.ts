/**
 * The no-mentions policy, in one place: every message the bot sends parses no mentions, so no
 * dataset text, user input or digest can ping a user, a role, @everyone or @here.
 */
export const NO_MENTIONS = Object.freeze({ parse: [] as never[] });
