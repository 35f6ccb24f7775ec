/**
 * The document model every handler fills: a title, a lead, sections of lines, and the sources
 * cited. The renderer alone turns it into Discord payloads (and the console into text), so the
 * limits and the no-mentions policy are enforced in one place for every reply and post.
 */
import type { APIEmbed } from 'discord-api-types/v10';
import type { NO_MENTIONS } from './mentions.js';

export type Tone = 'neutral' | 'conflict' | 'notice' | 'error';

export interface Section {
  heading: string;
  lines: string[];
}

export interface Briefing {
  title: string;
  description?: string;
  sections: Section[];
  /** Lines naming the sources cited, so a reader can follow them (outlet or headline, date, link). */
  sources?: string[];
  footer?: string;
  tone?: Tone;
}

/** One message as Discord receives it (a channel message or an interaction response's data). */
export interface MessagePayload {
  content?: string;
  embeds?: APIEmbed[];
  allowed_mentions: typeof NO_MENTIONS;
  /** 64 = ephemeral: only the person who asked sees it. */
  flags?: 64;
}

/** A handler's answer: one or more messages (the first is the reply, the rest follow up). */
export interface Reply {
  messages: MessagePayload[];
  ephemeral: boolean;
}

export interface Choice {
  name: string;
  value: string;
}
