/**
 * Carrying out what `/digest status|set|now|off` ask for, with the DigestService: the command's
 * handler stays pure and returns the effect (src/contract/effects.ts); the answer is a briefing for
 * the asker alone.
 */
import { time } from '@discordjs/formatters';
import { escapeText } from '../briefing/markdown.js';
import { type Briefing, notice } from '../briefing/model.js';
import type { DigestEffect } from '../contract/effects.js';
import { DigestPostError } from '../digest/composer.js';
import type { DigestService } from '../digest/service.js';
import type { DigestProblem, SlotOutcome } from '../digest/slot-keeper.js';
import { plural } from '../plural.js';
import type { DatasetStatus } from '../reload/live.js';
import { type DigestSettings, StateBusyError, StateWriteError } from '../store/records.js';
import type { DigestDefaults } from '../store/schedule-rules.js';

export interface EffectServices {
  guildId: string;
  requestId: string;
  service: DigestService;
  defaults: DigestDefaults;
  now: Date;
  /** The dataset being served: /digest status says which, and whether a newer one was refused. */
  dataset?: DatasetStatus;
  /** Why digests cannot be posted in a channel (another server's, no permission), or null. */
  channelProblem?: (channelId: string) => Promise<string | null>;
}

export async function performDigestEffect(effect: DigestEffect, context: EffectServices): Promise<Briefing> {
  try {
    return await perform(effect, context);
  } catch (error) {
    if (error instanceof StateWriteError) {
      return notice('Not saved', [
        `The digest settings could not be saved: ${error.reason}.`,
        `${error.remedy}; nothing was changed.`,
      ]);
    }
    if (error instanceof StateBusyError) {
      return notice('Busy', [
        'Another bot process is posting or saving for this server right now. Try again in a minute.',
      ]);
    }
    throw error;
  }
}

async function perform(effect: DigestEffect, context: EffectServices): Promise<Briefing> {
  const { service, guildId } = context;
  switch (effect.kind) {
    case 'digest.status': {
      const reply = statusReply(
        await service.state(guildId),
        await service.settings(guildId),
        await service.nextRun(guildId),
        service.problem(guildId),
      );
      return context.dataset
        ? { ...reply, sections: [...reply.sections, datasetSection(context.dataset)] }
        : reply;
    }
    case 'digest.set': {
      const problem = await context.channelProblem?.(effect.channelId);
      if (problem) return notice('Digest not set', [problem]);
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
      return notice('Digest scheduled', [
        `Posting in <#${settings.channelId}> on \`${settings.cron}\` (${settings.timeZone}), ${settings.mode === 'changed' ? 'only when the dataset changed' : 'every time'}.`,
        next
          ? `Next digest ${time(next, 'F')} (${time(next, 'R')}).`
          : 'No slot falls in the next hundred years: check the expression.',
      ]);
    }
    case 'digest.off': {
      const state = await service.state(guildId);
      const current = state.settings ?? (await service.settings(guildId));
      if (!current) return notice('Digest off', ['No digest was scheduled for this server.']);
      await service.saveSettings(guildId, { ...current, enabled: false });
      return notice('Digest off', [
        'Scheduled digests are stopped for this server. /digest set starts them again.',
      ]);
    }
    case 'digest.now':
      return postNowReply(await service.postNow(guildId, context.requestId));
  }
}

/** What `/digest now` did, exactly: posted, posted but not recorded, or not posted and why. */
function postNowReply(result: SlotOutcome): Briefing {
  switch (result.outcome) {
    case 'posted':
      return result.recordError
        ? notice('Digest posted, but not recorded', [
            `Posted in ${result.messageIds.length} message(s), but the bot could not record it: ${result.recordError.reason}.`,
            'Do not post it again. Until the state folder is writable, scheduled digests are held (rather than risk posting one twice), and the next digest compares with the last one recorded.',
          ])
        : notice('Digest posted', [`Posted in ${result.messageIds.length} message(s).`]);
    case 'not_scheduled':
      return notice('No digest scheduled', [
        'No digest is scheduled in this server: /digest set channel: #briefing starts one.',
      ]);
    case 'busy':
      return notice('Busy', [
        'Another bot process is posting for this server right now. Try again in a minute.',
      ]);
    case 'failed':
      return notice('Digest not posted', failureLines(result));
    default:
      return notice('Digest not posted', ['Nothing was posted; the reason is in the bot’s log.']);
  }
}

function failureLines(result: Extract<SlotOutcome, { outcome: 'failed' }>): string[] {
  const { error } = result;
  if (result.stage === 'channel') {
    return [
      'The digest’s channel is not in this server any more (or was deleted): choose one with /digest set.',
    ];
  }
  if (result.stage === 'dataset')
    return ['The digest’s incident is no longer in the dataset: choose another with /digest set.'];
  if (error instanceof DigestPostError && error.permanent) {
    return [
      `Discord refused the post: ${error.message}.`,
      'Check that the bot can see the channel, send messages and embed links there, or choose another channel with /digest set.',
    ];
  }
  const reason = error instanceof Error ? error.message : String(error);
  return [`Discord did not accept the post (${reason}). Nothing was posted; try again in a few minutes.`];
}

function statusReply(
  state: Awaited<ReturnType<DigestService['state']>>,
  settings: DigestSettings | null,
  next: Date | null,
  problem: DigestProblem | undefined,
): Briefing {
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
  if (problem)
    lines.push(`⚠️ Since ${time(problem.since, 'F')}: ${problem.message}. Scheduled digests are held.`);
  return { title: 'Digest status', sections: [{ heading: settings ? 'Scheduled' : 'Not scheduled', lines }] };
}

/** Which dataset digests are made of: its version and when it was loaded, and a reload it refused. */
function datasetSection(dataset: DatasetStatus): Briefing['sections'][number] {
  const lines = [
    `Version \`${dataset.version}\`: ${plural(dataset.sources, 'report')}, ${plural(dataset.claims, 'claim')}, loaded ${time(dataset.loadedAt, 'F')} (${time(dataset.loadedAt, 'R')}). The next digest lists what changed since the last one.`,
  ];
  const refused = dataset.refused;
  if (refused) {
    const [first = ''] = refused.problems;
    lines.push(
      `⚠️ The latest reload (${time(refused.at, 'R')}) was refused: ${escapeText(first)}${refused.count > 1 ? ` (and ${refused.count - 1} more)` : ''}. This version keeps serving until the data is fixed; \`npm run validate\` lists every problem.`,
    );
  }
  if (dataset.watch.problem) {
    lines.push(`⚠️ Live reload: ${dataset.watch.problem}. SIGHUP reloads at once.`);
  }
  return { heading: 'Dataset', lines };
}
