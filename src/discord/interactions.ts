/** Discord interactions reduced to the plain CommandInput the handlers take, and replies sent back. */
import {
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  type CommandInteractionOption,
  type InteractionReplyOptions,
  type MessageContextMenuCommandInteraction,
  MessageFlags,
} from 'discord.js';
import { isPrivate } from '../interaction/options.js';
import type { CommandInput, OptionValue } from '../interaction/types.js';
import type { MessagePayload, Reply } from '../render/briefing.js';

/** A slash command's (or its autocomplete's) subcommand and options, flattened by name. */
export function slashCommandInput(
  interaction: ChatInputCommandInteraction | AutocompleteInteraction,
): CommandInput {
  const subcommand = interaction.options.getSubcommand(false) ?? undefined;
  const options = Object.fromEntries(flattenOptions(interaction.options.data));
  return subcommand ? { subcommand, options } : { options };
}

function flattenOptions(data: readonly CommandInteractionOption[]): [string, OptionValue][] {
  return data.flatMap((option) =>
    option.options
      ? flattenOptions(option.options)
      : option.value !== undefined
        ? [[option.name, option.value] as [string, OptionValue]]
        : [],
  );
}

/** The text of the message a context-menu command was used on: its content, else its embeds' text. */
export function messageMenuToInput(interaction: MessageContextMenuCommandInteraction): CommandInput {
  const message = interaction.targetMessage;
  const embedText = message.embeds.map((e) => [e.title, e.description].filter(Boolean).join('\n')).join('\n');
  return { options: {}, targetText: message.content || embedText };
}

/** discord.js spells the payload's fields in camelCase; the renderer's payload is Discord's own JSON. */
export function toReplyOptions(
  message: MessagePayload,
): InteractionReplyOptions & { flags?: MessageFlags.Ephemeral } {
  return {
    content: message.content,
    embeds: message.embeds,
    allowedMentions: message.allowed_mentions,
    ...(message.flags ? { flags: MessageFlags.Ephemeral } : {}),
  };
}

type Repliable = ChatInputCommandInteraction | MessageContextMenuCommandInteraction;

/** The first message answers the interaction (or fills a deferred reply); the rest follow up. */
export async function sendReply(interaction: Repliable, reply: Reply): Promise<void> {
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
 * for the person who asked), or /digest (about the server's settings). Other private replies (an
 * error notice) fill a public deferral as fillDeferredReply says.
 */
export function expectsPrivateReply(interaction: Repliable, input: CommandInput): boolean {
  return (
    isPrivate(input) || interaction.isMessageContextMenuCommand() || interaction.commandName === 'digest'
  );
}

/**
 * Fills a deferred reply in. A deferred reply's visibility cannot change: a private answer to a
 * public deferral replaces it with a private follow-up, so that only the asker ever sees it.
 */
export async function fillDeferredReply(interaction: Repliable, reply: Reply): Promise<void> {
  const deferredPrivately = interaction.ephemeral === true;
  if (!reply.ephemeral || deferredPrivately) return sendReply(interaction, reply);
  await interaction.deleteReply();
  for (const message of reply.messages) {
    await interaction.followUp({ ...toReplyOptions(message), flags: MessageFlags.Ephemeral });
  }
}

/** An apology that reaches the user whatever state the reply is in: fresh, deferred, or part sent. */
export async function sendApology(interaction: Repliable, apology: Reply): Promise<void> {
  const [message] = apology.messages;
  if (!message) return;
  if (interaction.replied) await interaction.followUp(toReplyOptions(message));
  else await sendReply(interaction, apology);
}
