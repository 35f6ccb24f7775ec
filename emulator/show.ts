/**
 * What the bot sent, as a person at the emulator's prompt reads it: each message as text (content,
 * then each embed's title, description, fields, picture and footer, then its files), and the
 * buttons and menu choices under it numbered, so that `press N` presses one. Pure: no emulator here.
 */
import type { ApiEmbed, ApiMessage, InteractionExchange, JsonObject } from './types.js';

/** A button, or one choice of a menu, that `press N` sends as Discord sends a press. */
export interface Pressable {
  label: string;
  messageId: string;
  customId: string;
  componentType: number;
  /** A menu's choice: the value chosen. */
  value?: string;
}

/** The messages of an answer, in the order Discord shows them: the reply, then its follow-ups. */
export function answerMessages(exchange: InteractionExchange): ApiMessage[] {
  const reply = exchange.original ?? exchange.callback?.data;
  return [...(reply && hasBody(reply) ? [reply] : []), ...exchange.followUps];
}

function hasBody(message: ApiMessage): boolean {
  return Boolean(
    message.content || message.embeds?.length || message.components?.length || message.attachments?.length,
  );
}

/** Messages as text, one after another, with their pressables numbered on from 1 across them all. */
export function showMessages(messages: readonly ApiMessage[]): { text: string; pressables: Pressable[] } {
  const pressables: Pressable[] = [];
  const texts = messages.map((message) => {
    const own = pressablesOf(message);
    const lines = own.map((p, i) => pressableLine(p, pressables.length + i + 1));
    pressables.push(...own);
    return messageText(message, lines);
  });
  return { text: texts.join('\n\n'), pressables };
}

/** "[3] The quotes behind: People injured": what `press 3` presses. */
export function pressableLine(pressable: Pressable, number: number): string {
  return `[${number}] ${readable(pressable.label)}`;
}

function messageText(message: ApiMessage, pressableLines: readonly string[]): string {
  const flags = message.flags ?? 0;
  return [
    flags & EPHEMERAL ? '(only you see this)' : '',
    message.content ? readable(message.content) : '',
    ...(message.embeds ?? []).map(embedText),
    filesText(message.attachments ?? []),
    pressableLines.join('\n'),
  ]
    .filter(Boolean)
    .join('\n');
}

const EPHEMERAL = 64;

function embedText(embed: ApiEmbed): string {
  const image = (embed.image as { url?: string } | undefined)?.url;
  return [
    embed.title ? `== ${readable(embed.title)} ==` : '',
    embed.description ? readable(embed.description) : '',
    ...(embed.fields ?? []).map((field) => `-- ${readable(field.name)} --\n${readable(field.value)}`),
    image ? `[picture: ${image}]` : '',
    embed.footer?.text ? readable(embed.footer.text) : '',
  ]
    .filter(Boolean)
    .join('\n');
}

function filesText(attachments: readonly JsonObject[]): string {
  return attachments
    .map((file) => `📎 ${String(file.filename)} (${String(file.size)} bytes): ${String(file.url)}`)
    .join('\n');
}

/** A message's buttons and menu choices, in Discord's order: row by row, a menu's choices in turn. */
function pressablesOf(message: ApiMessage): Pressable[] {
  const messageId = String(message.id ?? '');
  return (message.components ?? []).flatMap((row) =>
    componentsOf(row).flatMap((component): Pressable[] => {
      const customId = component.custom_id;
      if (typeof customId !== 'string' || component.disabled === true) return [];
      const componentType = Number(component.type);
      if (componentType === BUTTON) {
        return [{ label: String(component.label ?? customId), messageId, customId, componentType }];
      }
      if (componentType !== STRING_MENU) return [];
      const menu = String(component.placeholder ?? 'Choose').replace(/\s*(…|\.\.\.)\s*$/, '');
      return optionsOf(component).map((option) => ({
        label: `${menu}: ${String(option.label)}`,
        messageId,
        customId,
        componentType,
        value: String(option.value),
      }));
    }),
  );
}

const BUTTON = 2;
const STRING_MENU = 3;

function componentsOf(row: JsonObject): JsonObject[] {
  return Array.isArray(row.components) ? (row.components as JsonObject[]) : [];
}

function optionsOf(menu: JsonObject): JsonObject[] {
  return Array.isArray(menu.options) ? (menu.options as JsonObject[]) : [];
}

/**
 * Discord's markup as a client shows it: escapes dropped, a timestamp as the date it stands for
 * (in UTC, since the emulator knows no reader's zone), a channel by its id.
 */
export function readable(text: string): string {
  return text
    .replace(/<t:(-?\d+)(?::([tTdDfFR]))?>/g, (_, seconds: string) => utcText(Number(seconds)))
    .replace(/\\([^\p{L}\p{N}\s])/gu, '$1');
}

function utcText(seconds: number): string {
  const date = new Date(seconds * 1000);
  return Number.isNaN(date.getTime())
    ? String(seconds)
    : `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
