/** Briefing → Discord payloads, within every limit, split over several messages when needed. */
import type { APIEmbed, APIEmbedField } from 'discord-api-types/v10';
import type { Briefing, Section, Tone } from '../briefing/model.js';
import { truncate } from '../briefing/truncate.js';
import { plural } from '../plural.js';
import { componentRows } from './components.js';
import { LIMITS } from './limits.js';
import { NO_MENTIONS } from './mentions.js';
import type { Choice, Control, MessagePayload, Rendered } from './payload.js';
import { packLines } from './text-fit.js';

const COLOURS: Record<Tone, number> = {
  neutral: 0x4f6d7a,
  conflict: 0xc0392b,
  notice: 0xd4a017,
  error: 0x7f8c8d,
};

/** Room kept in each message for the "part 2 of 3" marks added once the split is known. */
const PART_MARK_ROOM = 40;

/**
 * Our own cap, not Discord's: an answer longer than this many messages floods a channel and runs
 * into rate limits, so the rest is left out with a note saying how to narrow the question.
 */
export const MAX_MESSAGES_PER_REPLY = 5;

export interface RenderOptions {
  /** Only the person who asked sees it. */
  ephemeral?: boolean;
  /** Buttons and menus, on the last message shown. */
  controls?: readonly Control[];
  /**
   * Show only this part of an answer longer than one message (0: the first), with the controls
   * `pageControls` gives to move to the others: a reply stays one message, its parts a click away.
   */
  part?: number;
  pageControls?: (part: number, parts: number) => Control[];
  /** When every part is sent: at most this many messages (the digest posts two at most). */
  maxMessages?: number;
}

export function renderBriefing(briefing: Briefing, options: RenderOptions = {}): Rendered {
  const ephemeral = options.ephemeral ?? false;
  const title = truncate(briefing.title.trim() || 'Briefing', LIMITS.embedTitle - PART_MARK_ROOM);
  const footer = briefing.footer?.trim()
    ? truncate(briefing.footer, LIMITS.footer - PART_MARK_ROOM)
    : undefined;
  const fields = [...briefing.sections, ...sourcesSection(briefing.sources)].flatMap(sectionFields);
  // The rest of a reply chosen to fit its first message starts a part of its own.
  const more = (briefing.more ?? []).flatMap(sectionFields);
  const fixed = title.length + (footer?.length ?? 0) + PART_MARK_ROOM;
  const perPart = Math.min(LIMITS.embedTotal, briefing.partBudget ?? LIMITS.embedTotal);
  // A description shares the message's 6000 characters with the title and footer.
  const descriptions = briefing.description?.trim()
    ? packLines([briefing.description], Math.min(LIMITS.embedDescription, LIMITS.embedTotal - fixed))
    : [];

  const embeds: APIEmbed[] = [];
  let current: APIEmbed = { title, fields: [] };
  let used = fixed;
  const startNext = () => {
    embeds.push(current);
    current = { title, fields: [] };
    used = fixed;
  };
  for (const description of descriptions) {
    if (current.description !== undefined) startNext();
    current.description = description;
    used += description.length;
  }
  const add = (field: APIEmbedField) => {
    const size = field.name.length + field.value.length;
    const fields = current.fields ?? [];
    const empty = fields.length === 0 && current.description === undefined;
    if (fields.length >= LIMITS.fieldsPerEmbed || (used + size > perPart && !empty)) startNext();
    current.fields?.push(field);
    used += size;
  };
  for (const field of fields) add(field);
  if (more.length > 0 && (current.fields?.length || current.description !== undefined)) startNext();
  for (const field of more) add(field);
  embeds.push(current);
  // Shown a part at a time, an answer floods nothing: only when every part is sent is it capped.
  if (options.part === undefined) capMessages(embeds, title, options.maxMessages ?? MAX_MESSAGES_PER_REPLY);

  const colour = COLOURS[briefing.tone ?? 'neutral'];
  const messages = embeds.map((embed, i) =>
    payload(
      {
        ...embed,
        title: embeds.length > 1 && i > 0 ? `${title} (${i + 1}/${embeds.length})` : title,
        fields: embed.fields?.length ? embed.fields : undefined,
        color: colour,
        footer: footerFor(footer, i, embeds.length),
      },
      ephemeral,
    ),
  );
  return { messages: withControls(messages, options), ephemeral };
}

/** The part asked for (or every part), its last message carrying the controls. */
function withControls(messages: MessagePayload[], options: RenderOptions): MessagePayload[] {
  const { part } = options;
  const shown = part === undefined ? messages : [messages[Math.min(Math.max(part, 0), messages.length - 1)]];
  const index = part === undefined ? messages.length - 1 : Math.min(Math.max(part, 0), messages.length - 1);
  const controls = [
    ...(part !== undefined && messages.length > 1
      ? (options.pageControls?.(index, messages.length) ?? [])
      : []),
    ...(options.controls ?? []),
  ];
  const rows = componentRows(controls);
  if (rows.length === 0) return shown as MessagePayload[];
  return shown.map((m, i) =>
    i === shown.length - 1 ? { ...(m as MessagePayload), components: rows } : (m as MessagePayload),
  );
}

/** Keeps the first messages and ends with one saying how much was left out and how to narrow it. */
function capMessages(embeds: APIEmbed[], title: string, max: number): void {
  if (embeds.length <= max) return;
  const left = embeds.splice(max - 1);
  const sections = new Set(
    left.flatMap((e) => (e.fields ?? []).map((f) => f.name.replace(/ \(cont\.\)$/, ''))),
  );
  embeds.push({
    title,
    description: `This answer is longer than ${plural(max, 'message')}; ${sections.size} more section${sections.size === 1 ? ' is' : 's are'} not shown. Narrow the question with an option (incident, topic, name) or ask /ask.`,
  });
}

function footerFor(footer: string | undefined, index: number, total: number) {
  const part = total > 1 ? `Part ${index + 1} of ${total}` : undefined;
  const text = [footer, part].filter(Boolean).join(' · ');
  return text ? { text } : undefined;
}

function sourcesSection(sources: readonly string[] | undefined): Section[] {
  return sources && sources.length > 0 ? [{ heading: 'Sources', lines: [...sources] }] : [];
}

/** A section becomes one field, or several "(cont.)" fields when its lines exceed a field's value. */
function sectionFields(section: Section): APIEmbedField[] {
  // A heading with nothing visible left gets a dash, as a value does: nothing invisible is sent.
  const heading = orPlaceholder(truncate(section.heading.trim(), LIMITS.fieldName - ' (cont.)'.length), '—');
  const values = packLines(section.lines.length > 0 ? section.lines : ['—'], LIMITS.fieldValue);
  return values.map((value, i) => ({
    name: i === 0 ? heading : `${heading} (cont.)`,
    value: orPlaceholder(value, '—'),
  }));
}

/** Discord refuses a field name or value that is empty or only white space. */
function orPlaceholder(text: string, placeholder: string): string {
  return text.trim() === '' ? placeholder : text;
}

function payload(embed: APIEmbed, ephemeral: boolean): MessagePayload {
  return ephemeral
    ? { embeds: [embed], allowed_mentions: NO_MENTIONS, flags: 64 }
    : { embeds: [embed], allowed_mentions: NO_MENTIONS };
}

/** A reply without actions (a notice) as messages; a command's reply is rendered, and kept, by src/contract/replies.ts. */
export function renderReply(reply: { briefing: Briefing; private: boolean }): Rendered {
  return renderBriefing(reply.briefing, { ephemeral: reply.private });
}

/** Autocomplete choices within Discord's limits: at most 25, names and values at most 100. */
export function fitChoices(choices: readonly Choice[]): Choice[] {
  return choices.slice(0, LIMITS.choices).map((c) => ({
    name: orPlaceholder(truncate(c.name, LIMITS.choiceName), '—'),
    value: c.value.slice(0, LIMITS.choiceValue),
  }));
}
