/** What Discord shows of rendered messages, as plain text: for tests of the payloads themselves. */
import type { APIEmbed } from 'discord-api-types/v10';
import type { MessagePayload, Rendered } from '../../src/render/payload.js';
import { plainText } from '../../src/render/text.js';

export function renderedText(rendered: Rendered): string {
  const parts = rendered.messages.map(messageText);
  return (rendered.ephemeral ? ['(only you can see this)', ...parts] : parts).join('\n\n');
}

export function messageText(message: MessagePayload): string {
  return [message.content, ...(message.embeds ?? []).map(embedText)]
    .filter((part): part is string => Boolean(part))
    .map(plainText)
    .join('\n\n');
}

function embedText(embed: APIEmbed): string {
  const lines: string[] = [];
  if (embed.title) lines.push(`== ${embed.title} ==`);
  if (embed.description) lines.push(embed.description);
  for (const field of embed.fields ?? []) lines.push('', `-- ${field.name} --`, field.value);
  if (embed.footer?.text) lines.push('', `(${embed.footer.text})`);
  return lines.join('\n');
}
