/**
 * What `/digest status|set|off|now` ask for, and carrying it out. The command's handler stays pure:
 * it checks what was typed and returns a request as its reply's effect; the adapter hands the
 * effect here with what only it knows (the server, the request's id, whether a channel is fit for
 * digests), and sends the answer, a briefing for the asker alone.
 */
import { z } from 'zod';
import type { Briefing } from '../briefing/model.js';
import type { Effect } from '../contract/types.js';
import type { DatasetStatus } from '../reload/live.js';
import { type DigestSettings, StateBusyError, StateWriteError } from '../store/records.js';
import { DigestMode } from '../store/schedule-rules.js';
import type { DigestService } from './service.js';
import {
  busyNotice,
  digestOffNotice,
  digestScheduledNotice,
  digestSetRefused,
  notSavedNotice,
  postNowReply,
  statusReply,
} from './wording.js';

export const DigestRequest = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('digest.status') }),
  z.object({
    kind: z.literal('digest.set'),
    channelId: z.string(),
    /** Left out: the server's current value, else the bot's default. */
    cron: z.string().optional(),
    timeZone: z.string().optional(),
    incident: z.string().optional(),
    mode: DigestMode.optional(),
  }),
  z.object({ kind: z.literal('digest.off') }),
  z.object({ kind: z.literal('digest.now') }),
]);
export type DigestRequest = z.infer<typeof DigestRequest>;

/** What the adapter knows of the request that the digest layer cannot. */
export interface RequestContext {
  guildId: string;
  /** The interaction's id: a `/digest now` post's nonces derive from it. */
  requestId: string;
  now: Date;
  /** The dataset being served: /digest status says which, and whether a newer one was refused. */
  dataset?: DatasetStatus;
  /** Why digests cannot be posted in a channel (another server's, no permission), or null. */
  channelProblem?: (channelId: string) => Promise<string | null>;
}

/** Carries out a command's effect, which is a digest request (the only kind of effect there is). */
export async function carryOutDigestRequest(
  effect: Effect,
  service: DigestService,
  context: RequestContext,
): Promise<Briefing> {
  try {
    return await carryOut(DigestRequest.parse(effect), service, context);
  } catch (error) {
    if (error instanceof StateWriteError) return notSavedNotice(error);
    if (error instanceof StateBusyError) return busyNotice('posting or saving');
    throw error;
  }
}

async function carryOut(
  request: DigestRequest,
  service: DigestService,
  context: RequestContext,
): Promise<Briefing> {
  const { guildId } = context;
  switch (request.kind) {
    case 'digest.status':
      return statusReply({
        state: await service.state(guildId),
        settings: await service.settings(guildId),
        next: await service.nextRun(guildId),
        problem: service.problem(guildId),
        dataset: context.dataset,
      });
    case 'digest.set': {
      const problem = await context.channelProblem?.(request.channelId);
      if (problem) return digestSetRefused(problem);
      const settings = settingsAsked(request, await service.settings(guildId), service.defaults, context.now);
      await service.saveSettings(guildId, settings);
      return digestScheduledNotice(settings, await service.nextRun(guildId));
    }
    case 'digest.off': {
      const state = await service.state(guildId);
      const current = state.settings ?? (await service.settings(guildId));
      if (current) await service.saveSettings(guildId, { ...current, enabled: false });
      return digestOffNotice(current !== null);
    }
    case 'digest.now':
      return postNowReply(await service.postNow(guildId, context.requestId));
  }
}

/** The settings `/digest set` asks for: what it leaves out keeps the server's current value, else the default. */
function settingsAsked(
  request: Extract<DigestRequest, { kind: 'digest.set' }>,
  current: DigestSettings | null,
  defaults: DigestService['defaults'],
  now: Date,
): DigestSettings {
  return {
    enabled: true,
    channelId: request.channelId,
    cron: request.cron ?? current?.cron ?? defaults.cron,
    timeZone: request.timeZone ?? current?.timeZone ?? defaults.timeZone,
    incident: request.incident ?? current?.incident ?? null,
    mode: request.mode ?? current?.mode ?? defaults.mode,
    activeSince: now.toISOString(),
  };
}
