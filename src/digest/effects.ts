/**
 * What `/digest status|set|now|off` ask the adapter to do. The command's handler stays pure: it
 * checks the input and returns one of these; the adapter carries it out with the DigestService.
 */
import { time } from '@discordjs/formatters';
import type { Config } from '../config.js';
import type { Reply } from '../render/briefing.js';
import { renderBriefing, renderNotice } from '../render/render.js';
import type { DigestMode } from './schedule-rules.js';
import type { DigestService } from './service.js';
import type { DigestSettings } from './state.js';

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

export interface EffectContext {
  guildId: string;
  requestId: string;
  service: DigestService;
  defaults: Config['digest'];
  now: Date;
}

export async function performDigestEffect(effect: DigestEffect, context: EffectContext): Promise<Reply> {
  const { service, guildId } = context;
  switch (effect.kind) {
    case 'digest.status':
      return statusReply(
        await service.state(guildId),
        await service.settings(guildId),
        await service.nextRun(guildId),
      );
    case 'digest.set': {
      const current = await service.settings(guildId);
      const settings: DigestSettings = {
        enabled: true,
        channelId: effect.channelId,
        cron: effect.cron ?? current?.cron ?? context.defaults.cron,
        timeZone: effect.timeZone ?? current?.timeZone ?? context.defaults.timeZone,
        incident: effect.incident ?? current?.incident ?? null,
        mode: effect.mode ?? current?.mode ?? context.defaults.mode,
        activeSince: context.now.toISOString(),
      };
      await service.saveSettings(guildId, settings);
      const next = await service.nextRun(guildId);
      return renderNotice(
        'Digest scheduled',
        [
          `Posting in <#${settings.channelId}> on \`${settings.cron}\` (${settings.timeZone}), ${settings.mode === 'changed' ? 'only when the dataset changed' : 'every time'}.`,
          next
            ? `Next digest ${time(next, 'F')} (${time(next, 'R')}).`
            : 'No slot falls in the next hundred years: check the expression.',
        ],
        { ephemeral: true },
      );
    }
    case 'digest.off': {
      const state = await service.state(guildId);
      const current = state.settings ?? (await service.settings(guildId));
      if (!current)
        return renderNotice('Digest off', ['No digest was scheduled for this server.'], { ephemeral: true });
      await service.saveSettings(guildId, { ...current, enabled: false });
      return renderNotice(
        'Digest off',
        ['Scheduled digests are stopped for this server. /digest set starts them again.'],
        { ephemeral: true },
      );
    }
    case 'digest.now': {
      const result = await service.postNow(guildId, context.requestId);
      if (result.outcome === 'posted') {
        return renderNotice('Digest posted', [`Posted in ${result.messageIds.length} message(s).`], {
          ephemeral: true,
        });
      }
      if (result.outcome === 'not_scheduled') {
        return renderNotice(
          'No digest scheduled',
          ['No digest is scheduled in this server: /digest set channel: #briefing starts one.'],
          {
            ephemeral: true,
          },
        );
      }
      return renderNotice(
        'Digest not posted',
        [
          'The digest could not be posted; the reason is in the bot’s log. Check that the bot can send messages and embed links in the channel.',
        ],
        { ephemeral: true },
      );
    }
  }
}

function statusReply(
  state: Awaited<ReturnType<DigestService['state']>>,
  settings: DigestSettings | null,
  next: Date | null,
): Reply {
  const lines = settings
    ? [
        `Channel: <#${settings.channelId}>${state.settings ? '' : ' (from the bot’s defaults)'}`,
        `Schedule: \`${settings.cron}\` in ${settings.timeZone}; mode: ${settings.mode === 'changed' ? 'only when the dataset changed' : 'always'}`,
        `Incident: ${settings.incident ?? 'the latest in the dataset'}`,
        next
          ? `Next run: ${time(next, 'F')} (${time(next, 'R')})`
          : 'Next run: none in the next hundred years',
      ]
    : ['No digest is scheduled for this server. /digest set channel: #briefing starts one.'];
  const last = state.lastPost;
  lines.push(
    last
      ? `Last post: ${time(new Date(last.postedAt), 'F')}${last.late ? ' (late)' : ''} in <#${last.channelId}>, ${last.messageIds.length} message(s)`
      : 'Last post: none yet',
  );
  return renderBriefing(
    { title: 'Digest status', sections: [{ heading: settings ? 'Scheduled' : 'Not scheduled', lines }] },
    { ephemeral: true },
  );
}
