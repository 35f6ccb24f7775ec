/**
 * /digest: `preview` for anyone (private); `status`, `set`, `now`, `off` for server managers.
 * The handler is pure: it checks what was typed and returns the change as a digest request
 * (src/digest/requests.ts), which the Discord adapter hands to the digest layer to carry out (the
 * console, having no server, offers only the preview).
 */
import { ApplicationCommandOptionType, ChannelType, InteractionContextType } from 'discord-api-types/v10';
import { escapeText } from '../src/briefing/markdown.js';
import { notice } from '../src/briefing/model.js';
import { incidentChoices } from '../src/contract/choices.js';
import { INCIDENT_OPTION, unknownIncident } from '../src/contract/common.js';
import { defineCommand } from '../src/contract/define.js';
import { stringOption } from '../src/contract/options.js';
import { MANAGE_GUILD } from '../src/contract/preconditions.js';
import { privately } from '../src/contract/respond.js';
import { isSnowflake } from '../src/contract/snowflake.js';
import type { Choice, CommandReply } from '../src/contract/types.js';
import { findIncident } from '../src/dataset/names.js';
import { digestPreview } from '../src/digest/build.js';
import type { DigestRequest } from '../src/digest/requests.js';
import { cronProblem, DigestMode, timeZoneProblem } from '../src/store/schedule-rules.js';

const COMMON_ZONES = [
  'Asia/Karachi',
  'Asia/Kolkata',
  'Asia/Kabul',
  'Asia/Dubai',
  'Europe/London',
  'Europe/Berlin',
  'America/New_York',
  'UTC',
];

const definition = {
  name: 'digest',
  description: 'Scheduled digests comparing the sources',
  default_member_permissions: String(MANAGE_GUILD),
  // A schedule belongs to a server: the command is offered in servers only, not in DMs.
  contexts: [InteractionContextType.Guild],
  options: [
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'preview',
      description: 'See the digest that would be posted now (only you see it)',
      options: [INCIDENT_OPTION],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'status',
      description: 'Schedule, time zone, channel, next run and last post',
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'set',
      description: 'Post digests in a channel on a cron schedule',
      options: [
        {
          type: ApplicationCommandOptionType.Channel,
          name: 'channel',
          description: 'Where to post',
          required: true,
          channel_types: [ChannelType.GuildText, ChannelType.GuildAnnouncement],
        },
        {
          type: ApplicationCommandOptionType.String,
          name: 'cron',
          description: 'When, e.g. 0 9 * * 1-5 (09:00 on weekdays)',
          max_length: 100,
        },
        {
          type: ApplicationCommandOptionType.String,
          name: 'timezone',
          description: 'IANA time zone, e.g. Asia/Karachi',
          autocomplete: true,
          max_length: 64,
        },
        INCIDENT_OPTION,
        {
          type: ApplicationCommandOptionType.String,
          name: 'mode',
          description: 'Post every time, or only when the dataset changed',
          choices: [
            { name: 'always', value: 'always' },
            { name: 'only when changed', value: 'changed' },
          ],
        },
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'now',
      description: 'Post the digest now in the scheduled channel',
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'off',
      description: 'Stop scheduled digests in this server',
    },
  ],
} as const;

export const digest = defineCommand(definition, {
  // About the server's settings, and carried out on it: only the asker sees it, and never kept.
  reply: { visibility: 'private', reuse: 'never' },
  preconditions: [
    {
      subcommands: ['status', 'set', 'now', 'off'],
      permission: MANAGE_GUILD,
      explanation:
        'Only server managers (the Manage Server permission) can see or change the digest schedule. /digest preview is open to everyone.',
    },
  ],

  handle(input, { dataset }): CommandReply {
    switch (input.subcommand) {
      case 'preview': {
        const incident = findIncident(dataset, stringOption(input, 'incident'));
        if (!incident) return privately(unknownIncident(input, dataset));
        const digest = digestPreview(dataset, incident);
        return privately(digest.briefing, digest.actions);
      }
      case 'status':
        return onServer('The schedule lives on a Discord server', { kind: 'digest.status' });
      case 'now':
        return onServer('Posting needs a Discord server', { kind: 'digest.now' });
      case 'off':
        return onServer('The schedule lives on a Discord server', { kind: 'digest.off' });
      case 'set':
        return setDigest(input.options, dataset);
      default:
        return privately(notice('Which digest action?', ['Use /digest preview, status, set, now or off.']));
    }
  },

  autocomplete(focused, _input, { dataset }): Choice[] {
    return focused.name === 'timezone'
      ? timeZoneChoices(focused.value)
      : incidentChoices(dataset, focused.value);
  },
});

function setDigest(
  options: Readonly<Record<string, unknown>>,
  dataset: Parameters<typeof findIncident>[0],
): CommandReply {
  const text = (name: string) =>
    typeof options[name] === 'string' && (options[name] as string).trim() !== ''
      ? (options[name] as string).trim()
      : undefined;
  const channelId = text('channel');
  const cron = text('cron');
  const timeZone = text('timezone');
  const incidentTyped = text('incident');
  const problems = [
    channelId === undefined
      ? 'Choose a text channel for the digest.'
      : isSnowflake(channelId)
        ? null
        : `“${channelId.slice(0, 40)}” is not a channel: pick one from the list (or give its 17 to 20 digit id).`,
    cron ? cronProblem(cron) : null,
    timeZone ? timeZoneProblem(timeZone) : null,
  ].filter((p): p is string => p !== null);
  const incident = incidentTyped ? findIncident(dataset, incidentTyped) : undefined;
  if (incidentTyped && !incident) {
    problems.push(`No incident matches “${incidentTyped.slice(0, 100)}”: pick one from the list.`);
  }
  const mode = options.mode === undefined ? undefined : DigestMode.safeParse(options.mode);
  if (mode && !mode.success) problems.push('The mode is either “always” or “changed”.');
  // The problems repeat what was typed: escaped here, once, so it shows as written.
  if (problems.length > 0 || !channelId) return privately(notice('Digest not set', problems.map(escapeText)));
  // Options left out keep the server's current value (or the bot's default).
  return onServer('Saving the schedule needs a Discord server', {
    kind: 'digest.set',
    channelId,
    ...(cron ? { cron } : {}),
    ...(timeZone ? { timeZone } : {}),
    ...(incident ? { incident: incident.id } : {}),
    ...(mode?.success ? { mode: mode.data } : {}),
  });
}

/**
 * A request the Discord adapter hands to the digest layer; where nothing carries it out (the
 * console), the reply says what acts only on a server, which Discord replaces with the outcome.
 */
function onServer(what: string, request: DigestRequest): CommandReply {
  return {
    ...privately(
      notice(what, [
        'This acts on a Discord server. In the local console, try /digest preview, or npm run digest.',
      ]),
    ),
    effect: request,
  };
}

function timeZoneChoices(typed: string): Choice[] {
  const all = Intl.supportedValuesOf('timeZone');
  const key = typed.trim().toLowerCase().replace(/\s+/g, '_');
  const zones = key === '' ? COMMON_ZONES : all.filter((z) => z.toLowerCase().includes(key));
  return zones.map((z) => ({ name: z, value: z }));
}
