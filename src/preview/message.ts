/**
 * A message payload, exactly as the renderer made it for Discord, drawn as Discord shows it: the
 * bot's name, the content, each embed with its colour bar, title, description, fields (inline ones
 * three to a row), picture and footer, then the rows of buttons and menus. A button or a menu
 * runs its call on the preview page, as a press runs it on Discord.
 */
import {
  type APIActionRowComponent,
  type APIComponentInMessageActionRow,
  type APIEmbed,
  type APIEmbedField,
  ButtonStyle,
  ComponentType,
} from 'discord-api-types/v10';
import { altTextOf, type MessagePayload } from '../render/payload.js';
import { attribute, text } from './html.js';
import { inlineHtml, markdownHtml } from './markdown.js';

/** Where the page serves a picture sent with the message, by its file name; undefined when it has none. */
export type PictureUrl = (name: string) => string | undefined;

/** Where a press goes: the page, with the component's id (and a menu's choice) in its query. */
export const PRESS_PARAMETER = 'press';
export const CHOICE_PARAMETER = 'choice';
/** The part of the page a press's reply is shown in. */
export const PRESSED_ANCHOR = 'asked';

export function messageHtml(message: MessagePayload, pictureUrl: PictureUrl, botName: string): string {
  const privately = message.flags === 64;
  return [
    `<div class="message${privately ? ' ephemeral' : ''}">`,
    `<div class="author"><span class="bot-name">${text(botName)}</span><span class="app-tag">APP</span></div>`,
    message.content ? `<div class="content">${markdownHtml(message.content)}</div>` : '',
    ...(message.embeds ?? []).map((embed) => embedHtml(embed, pictureUrl)),
    ...(message.components ?? []).map(rowHtml),
    privately ? '<div class="ephemeral-note">Only you can see this</div>' : '',
    '</div>',
  ].join('');
}

function embedHtml(embed: APIEmbed, pictureUrl: PictureUrl): string {
  const colour = embed.color === undefined ? '' : ` style="border-left-color: ${colourOf(embed.color)}"`;
  const picture = embed.image ? pictureHtml(embed.image.url, pictureUrl) : '';
  return [
    `<div class="embed"${colour}>`,
    embed.title ? `<div class="embed-title">${inlineHtml(embed.title)}</div>` : '',
    embed.description ? `<div class="embed-description">${markdownHtml(embed.description)}</div>` : '',
    embed.fields?.length ? `<div class="embed-fields">${embed.fields.map(fieldHtml).join('')}</div>` : '',
    picture,
    embed.footer ? `<div class="embed-footer">${text(embed.footer.text)}</div>` : '',
    '</div>',
  ].join('');
}

/** An embed's colour, a number on Discord, as CSS: always six hex digits, nothing else. */
function colourOf(colour: number): string {
  return `#${(colour & 0xffffff).toString(16).padStart(6, '0')}`;
}

function fieldHtml(field: APIEmbedField): string {
  return `<div class="embed-field${field.inline ? ' inline' : ''}"><div class="field-name">${inlineHtml(field.name)}</div><div class="field-value">${markdownHtml(field.value)}</div></div>`;
}

/** `attachment://figures.png` → the picture served by the page; anything else is not fetched. */
function pictureHtml(url: string, pictureUrl: PictureUrl): string {
  const name = /^attachment:\/\/(.+)$/.exec(url)?.[1];
  const served = name === undefined ? undefined : pictureUrl(name);
  if (served === undefined) return `<div class="embed-picture missing">picture not drawn: ${text(url)}</div>`;
  return `<img class="embed-picture" src="${attribute(served)}" alt="${attribute(name ?? '')}">`;
}

/** Alt texts of the message's pictures, which Discord reads out: shown under the message. */
export function altTextsHtml(message: MessagePayload): string {
  const files = message.files ?? [];
  if (files.length === 0) return '';
  const items = files.map((f) => `<li><code>${text(f.name)}</code>: ${text(altTextOf(f))}</li>`);
  return `<details class="alt-texts"><summary>Alt text of the pictures</summary><ul>${items.join('')}</ul></details>`;
}

type Row = APIActionRowComponent<APIComponentInMessageActionRow>;

function rowHtml(row: Row): string {
  return `<div class="action-row">${row.components.map(componentHtml).join('')}</div>`;
}

const BUTTON_STYLES: Record<number, string> = {
  [ButtonStyle.Primary]: 'primary',
  [ButtonStyle.Secondary]: 'secondary',
  [ButtonStyle.Success]: 'success',
  [ButtonStyle.Danger]: 'danger',
  [ButtonStyle.Link]: 'link',
};

function componentHtml(component: Row['components'][number]): string {
  if (component.type === ComponentType.Button) {
    const style = `button ${BUTTON_STYLES[component.style] ?? 'secondary'}`;
    const label = text('label' in component ? (component.label ?? '') : '');
    if ('url' in component)
      return `<a class="${style}" href="${attribute(component.url)}" target="_blank" rel="noopener noreferrer">${label} ↗</a>`;
    if ('custom_id' in component) {
      const href = `/?${PRESS_PARAMETER}=${encodeURIComponent(component.custom_id)}#${PRESSED_ANCHOR}`;
      return `<a class="${style}" href="${attribute(href)}">${label}</a>`;
    }
    return `<span class="${style} disabled">${label}</span>`;
  }
  if (component.type === ComponentType.StringSelect) {
    const options = component.options.map(
      (o) => `<option value="${attribute(o.value)}">${text(o.label)}</option>`,
    );
    const placeholder = text(component.placeholder ?? 'Make a selection');
    return [
      `<form class="menu" method="get" action="/#${PRESSED_ANCHOR}">`,
      `<input type="hidden" name="${PRESS_PARAMETER}" value="${attribute(component.custom_id)}">`,
      `<select name="${CHOICE_PARAMETER}" aria-label="${placeholder}" required>`,
      `<option value="" disabled selected>${placeholder}</option>${options.join('')}</select>`,
      '<button type="submit">Choose</button></form>',
    ].join('');
  }
  return '';
}
