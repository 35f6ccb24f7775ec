/** What Discord receives: messages with their components, and autocomplete choices. */
import type { APIActionRowComponent, APIComponentInMessageActionRow, APIEmbed } from 'discord-api-types/v10';
import { visibleText } from '../briefing/markdown.js';
import type { NO_MENTIONS } from './mentions.js';

/** One message as Discord receives it (a channel message or an interaction response's data). */
export interface MessagePayload {
  content?: string;
  embeds?: APIEmbed[];
  components?: APIActionRowComponent<APIComponentInMessageActionRow>[];
  allowed_mentions: typeof NO_MENTIONS;
  /** 64 = ephemeral: only the person who asked sees it. */
  flags?: 64;
  /** Pictures uploaded with the message, each referenced as `attachment://name`. */
  files?: readonly PayloadFile[];
}

/** A file sent with a message: its name, its bytes, and what it shows in words (alt text). */
export interface PayloadFile {
  name: string;
  data: Uint8Array;
  description: string;
}

/** A file's alt text as it leaves the bot, to Discord or the console: nothing in it that no one reads. */
export function altTextOf(file: PayloadFile): string {
  return visibleText(file.description);
}

/** A button or a menu with its id already written: what the renderer lays out in rows. */
export type Control =
  | { kind: 'button'; label: string; customId: string }
  | { kind: 'menu'; placeholder: string; customId: string; options: readonly Choice[] };

/** A briefing as messages: the first is the reply, the rest follow up. */
export interface Rendered {
  messages: MessagePayload[];
  ephemeral: boolean;
}

/** An autocomplete choice. */
export interface Choice {
  name: string;
  value: string;
}
