/**
 * What `/digest status|set|off|now` answer, in words: the schedule and its last post, what was
 * saved, what was posted, and why something was not.
 */
import { discordTimestamp } from '../briefing/dates.js';
import { escapeText } from '../briefing/markdown.js';
import { type Briefing, notice } from '../briefing/model.js';
import { plural } from '../plural.js';
import type { DatasetStatus } from '../reload/live.js';
import type { DigestSettings, GuildState, StateWriteError } from '../store/records.js';
import { DigestPostError } from './composer.js';
import type { DigestProblem, SlotOutcome } from './slot-keeper.js';

export function notSavedNotice(error: StateWriteError): Briefing {
  return notice('Not saved', [
    `The digest settings could not be saved: ${error.reason}.`,
    `${error.remedy}; nothing was changed.`,
  ]);
}

/** Another process holds the server; `doing` says what it may be doing. */
export function busyNotice(doing: 'posting' | 'posting or saving'): Briefing {
  return notice('Busy', [
    `Another bot process is ${doing} for this server right now. Try again in a minute.`,
  ]);
}

export function digestSetRefused(problem: string): Briefing {
  return notice('Digest not set', [problem]);
}

export function digestScheduledNotice(settings: DigestSettings, next: Date | null): Briefing {
  return notice('Digest scheduled', [
    `Posting in <#${settings.channelId}> on \`${settings.cron}\` (${settings.timeZone}), ${settings.mode === 'changed' ? 'only when the dataset changed' : 'every time'}.`,
    next
      ? `Next digest ${discordTimestamp(next, 'F')} (${discordTimestamp(next, 'R')}).`
      : 'No slot falls in the next hundred years: check the expression.',
  ]);
}

/** `wasScheduled`: whether there was a schedule to stop. */
export function digestOffNotice(wasScheduled: boolean): Briefing {
  return notice(
    'Digest off',
    wasScheduled
      ? ['Scheduled digests are stopped for this server. /digest set starts them again.']
      : ['No digest was scheduled for this server.'],
  );
}

/** What `/digest now` did, exactly: posted, posted but not recorded, or not posted and why. */
export function postNowReply(result: SlotOutcome): Briefing {
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
      return busyNotice('posting');
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

export interface DigestStatus {
  state: GuildState;
  settings: DigestSettings | null;
  next: Date | null;
  problem: DigestProblem | undefined;
  /** The dataset digests are made of, when the adapter knows it. */
  dataset: DatasetStatus | undefined;
}

/** `/digest status`: the schedule in force, the last post, what holds digests, and the dataset. */
export function statusReply({ state, settings, next, problem, dataset }: DigestStatus): Briefing {
  const lines = settings
    ? [
        `Channel: <#${settings.channelId}>${state.settings ? '' : ' (from the bot’s defaults)'}`,
        `Schedule: \`${settings.cron}\` in ${settings.timeZone}; mode: ${settings.mode === 'changed' ? 'only when the dataset changed' : 'always'}`,
        `Incident: ${settings.incident ?? 'the latest in the dataset'}`,
        next
          ? `Next run: ${discordTimestamp(next, 'F')} (${discordTimestamp(next, 'R')})`
          : 'Next run: none in the next hundred years',
      ]
    : ['No digest is scheduled for this server. /digest set channel: #briefing starts one.'];
  const last = state.lastPost;
  lines.push(
    last
      ? `Last post: ${discordTimestamp(new Date(last.postedAt), 'F')}${last.late ? ' (late)' : ''} in <#${last.channelId}>, ${last.messageIds.length} message(s)`
      : 'Last post: none yet',
  );
  if (problem)
    lines.push(
      `⚠️ Since ${discordTimestamp(problem.since, 'F')}: ${problem.message}. Scheduled digests are held.`,
    );
  const schedule = { heading: settings ? 'Scheduled' : 'Not scheduled', lines };
  return { title: 'Digest status', sections: dataset ? [schedule, datasetSection(dataset)] : [schedule] };
}

/** Which dataset digests are made of: its version and when it was loaded, and a reload it refused. */
function datasetSection(dataset: DatasetStatus): Briefing['sections'][number] {
  const lines = [
    `Version \`${dataset.version}\`: ${plural(dataset.sources, 'report')}, ${plural(dataset.claims, 'claim')}, loaded ${discordTimestamp(dataset.loadedAt, 'F')} (${discordTimestamp(dataset.loadedAt, 'R')}). The next digest lists what changed since the last one.`,
  ];
  const refused = dataset.refused;
  if (refused) {
    const [first = ''] = refused.problems;
    lines.push(
      `⚠️ The latest reload (${discordTimestamp(refused.at, 'R')}) was refused: ${escapeText(first)}${refused.count > 1 ? ` (and ${refused.count - 1} more)` : ''}. This version keeps serving until the data is fixed; \`npm run validate\` lists every problem.`,
    );
  }
  if (dataset.watch.problem) {
    lines.push(`⚠️ Live reload: ${dataset.watch.problem}. SIGHUP reloads at once.`);
  }
  return { heading: 'Dataset', lines };
}
