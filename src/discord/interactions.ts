/** Discord interactions reduced to the plain CommandInput the handlers take, and replies sent back. */
import type { REST } from '@discordjs/rest';
import {
  type AttachmentPayload,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type CommandInteractionOption,
  type InteractionReplyOptions,
  type InteractionUpdateOptions,
  type MessageContextMenuCommandInteraction,
  MessageFlags,
  MessageFlagsBitField,
  type RepliableInteraction,
  type StringSelectMenuInteraction,
} from 'discord.js';
import { InteractionResponseType, InteractionType, Routes } from 'discord-api-types/v10';
import { isPrivate } from '../contract/options.js';
import type { CommandInput, OptionValue } from '../contract/types.js';
import { altTextOf, type MessagePayload, type PayloadFile, type Rendered } from '../render/payload.js';

/** A press on one of the bot's components: a button, or a choice in a text menu. */
export type ComponentPress = ButtonInteraction | StringSelectMenuInteraction;

/** A slash command's (or its autocomplete's) subcommand and options, flattened by name. */
export function slashCommandInput(
  interaction: ChatInputCommandInteraction | AutocompleteInteraction,
): CommandInput {
  const subcommand = interaction.options.getSubcommand(false) ?? undefined;
  const options = Object.fromEntries(flattenOptions(interaction.options.data));
  return subcommand ? { subcommand, options } : { options };
}

/** Options with a text, number or true/false value; any other value (a stale definition's) is left out. */
function flattenOptions(data: readonly CommandInteractionOption[]): [string, OptionValue][] {
  return data.flatMap((option) =>
    option.options
      ? flattenOptions(option.options)
      : isOptionValue(option.value)
        ? [[option.name, option.value] as [string, OptionValue]]
        : [],
  );
}

function isOptionValue(value: unknown): value is OptionValue {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/**
 * The text of the message a context-menu command was used on: its content, else its embeds' text;
 * undefined when Discord did not send the message.
 */
export function messageMenuToInput(
  interaction: MessageContextMenuCommandInteraction,
): CommandInput | undefined {
  const message = interaction.targetMessage as Partial<typeof interaction.targetMessage> | null;
  if (!message) return undefined;
  const texts = (message.embeds ?? []).flatMap((e) => [e.title, e.description]);
  const content = typeof message.content === 'string' ? message.content : '';
  return { options: {}, targetText: content || texts.filter((t) => typeof t === 'string' && t).join('\n') };
}

/** discord.js spells the payload's fields in camelCase; the renderer's payload is Discord's own JSON. */
export function toReplyOptions(
  message: MessagePayload,
): InteractionReplyOptions & { flags?: MessageFlags.Ephemeral } {
  return {
    content: message.content,
    embeds: message.embeds,
    ...(message.components ? { components: message.components } : {}),
    ...(message.files ? { files: message.files.map(toAttachment) } : {}),
    allowedMentions: message.allowed_mentions,
    ...(message.flags ? { flags: MessageFlags.Ephemeral } : {}),
  };
}

/** A picture as discord.js uploads it: its bytes, its name (what `attachment://` names), its alt text. */
function toAttachment(file: PayloadFile): AttachmentPayload {
  return { attachment: Buffer.from(file.data), name: file.name, description: altTextOf(file) };
}

/**
 * The message a component is on, replaced by another (its visibility cannot change): every field
 * is given, so that nothing of the old message (its buttons) stays.
 */
export function toUpdateOptions(message: MessagePayload): InteractionUpdateOptions {
  return {
    content: message.content ?? '',
    embeds: message.embeds ?? [],
    components: message.components ?? [],
    allowedMentions: message.allowed_mentions,
  };
}

/** Whether the message a component is on is ephemeral: only the person who asked sees it. */
export function onPrivateMessage(interaction: ComponentPress): boolean {
  // discord.js gives a Message, or the raw payload for a channel it has not cached.
  const flags = (interaction.message as { flags?: unknown } | null)?.flags;
  if (flags instanceof MessageFlagsBitField) return flags.has(MessageFlags.Ephemeral);
  return typeof flags === 'number' && (flags & MessageFlags.Ephemeral) !== 0;
}

/** Replaces the message a component is on (or, once acknowledged with a deferred update, edits it). */
export async function updateMessage(interaction: ComponentPress, reply: Rendered): Promise<void> {
  const [first] = reply.messages;
  if (!first) return;
  const update = toUpdateOptions(first);
  if (interaction.deferred) await interaction.editReply(update);
  else await interaction.update(update);
}

/**
 * Answers with a new private message: a reply (or the fill of a private deferral), or after a
 * deferred update (acknowledged to edit the message, then answered otherwise) a private follow-up.
 */
export async function sendPrivately(
  interaction: ComponentPress,
  reply: Rendered,
  deferredUpdate: boolean,
): Promise<void> {
  if (!deferredUpdate) {
    return interaction.deferred ? fillDeferredReply(interaction, reply) : sendReply(interaction, reply);
  }
  for (const message of reply.messages) {
    await interaction.followUp({ ...toReplyOptions(message), flags: MessageFlags.Ephemeral });
  }
}

/** The first message answers the interaction (or fills a deferred reply); the rest follow up. */
export async function sendReply(interaction: RepliableInteraction, reply: Rendered): Promise<void> {
  const [first, ...rest] = reply.messages;
  if (!first) return;
  if (interaction.deferred) {
    // A deferred reply's visibility was set when deferring; an edit cannot change it.
    const { flags: _visibility, ...edit } = toReplyOptions(first);
    await interaction.editReply(edit);
  } else await interaction.reply(toReplyOptions(first));
  for (const message of rest) await interaction.followUp(toReplyOptions(message));
}

/**
 * Whether the reply will be private, known before the handler runs, to acknowledge with a deferred
 * reply of the same visibility: asked with `private: true`, a message menu command (a lookup is
 * for the person who asked), /digest (about the server's settings), or a request Discord sent
 * incomplete. Other private replies (an error notice) fill a public deferral as fillDeferredReply
 * says.
 */
export function expectsPrivateReply(
  interaction: ChatInputCommandInteraction | MessageContextMenuCommandInteraction,
  input: CommandInput | undefined,
): boolean {
  return (
    !input ||
    isPrivate(input) ||
    interaction.isMessageContextMenuCommand() ||
    interaction.commandName === 'digest'
  );
}

/**
 * Fills a deferred reply in. A deferred reply's visibility cannot change: a private answer to a
 * public deferral replaces it with a private follow-up, so that only the asker ever sees it.
 */
export async function fillDeferredReply(interaction: RepliableInteraction, reply: Rendered): Promise<void> {
  const deferredPrivately = interaction.ephemeral === true;
  if (!reply.ephemeral || deferredPrivately) return sendReply(interaction, reply);
  await interaction.deleteReply();
  for (const message of reply.messages) {
    await interaction.followUp({ ...toReplyOptions(message), flags: MessageFlags.Ephemeral });
  }
}

/** An apology that reaches the user whatever state the reply is in: fresh, deferred, or part sent. */
export async function sendApology(interaction: RepliableInteraction, apology: Rendered): Promise<void> {
  const [message] = apology.messages;
  if (!message) return;
  if (interaction.replied) await interaction.followUp(toReplyOptions(message));
  else await sendReply(interaction, apology);
}

/**
 * Answers an interaction discord.js could not build, from its raw id and token: autocomplete with
 * no choices, anything else with the reply. A payload without an id and a token cannot be answered.
 */
export async function answerRawInteraction(rest: REST, raw: unknown, reply: Rendered): Promise<void> {
  const { id, token, type } = (raw ?? {}) as { id?: unknown; token?: unknown; type?: unknown };
  if (typeof id !== 'string' || typeof token !== 'string') return;
  const body =
    type === InteractionType.ApplicationCommandAutocomplete
      ? { type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices: [] } }
      : { type: InteractionResponseType.ChannelMessageWithSource, data: reply.messages[0] };
  await rest.post(Routes.interactionCallback(id, token), { body, auth: false });
}
