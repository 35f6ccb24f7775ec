/**
 * The one place that answers an interaction. A responder is made per interaction, with the
 * visibility its command declares, and owns what has been done with it: acknowledged (deferred)
 * or not, replied to or not, privately or not. Stages ask it to defer or to send; it picks the
 * Discord request that does it: the reply itself, the edit of a deferral, a follow-up, or the
 * update of the message a button is on.
 */
import type { REST } from '@discordjs/rest';
import {
  type AttachmentPayload,
  type InteractionReplyOptions,
  type InteractionUpdateOptions,
  MessageFlags,
  type RepliableInteraction,
} from 'discord.js';
import { InteractionResponseType, InteractionType, Routes } from 'discord-api-types/v10';
import { altTextOf, type MessagePayload, type PayloadFile, type Rendered } from '../render/payload.js';

/** How the answer is to be shown, known before it is worked out. */
export interface Shown {
  /** Only the asker sees it. */
  private: boolean;
  /** A page turned on a private reply: the answer takes the place of the message pressed. */
  inPlace?: boolean;
}

type State = 'fresh' | 'deferred' | 'deferred-update' | 'replied';

export class Responder {
  /** Fresh, unless discord.js says otherwise (a responder made after a crash, to apologise). */
  private state: State;

  constructor(
    private readonly interaction: RepliableInteraction,
    private readonly shown: Shown,
    /** Called once the interaction is acknowledged (the backlog counts it as answered). */
    private readonly acknowledged: () => void = () => undefined,
  ) {
    this.state = interaction.replied ? 'replied' : interaction.deferred ? 'deferred' : 'fresh';
  }

  /** Whether it was acknowledged before its answer (deferred). */
  deferred = false;

  /**
   * Acknowledges now, to answer later: a deferred reply of the declared visibility, or for a page
   * turned in place a deferred update of the message. Does nothing once acknowledged.
   */
  async defer(): Promise<void> {
    if (this.state !== 'fresh') return;
    const { interaction } = this;
    if (this.shown.inPlace && interaction.isMessageComponent()) {
      await interaction.deferUpdate();
      this.state = 'deferred-update';
    } else {
      await interaction.deferReply(this.shown.private ? { flags: MessageFlags.Ephemeral } : {});
      this.state = 'deferred';
    }
    this.deferred = true;
    this.acknowledged();
  }

  /**
   * Sends the answer: its first message as the reply (or the fill of the deferral), the others as
   * follow-ups; with `replace`, a page turned in place replaces the message pressed. Once answered,
   * what is sent follows up (an apology after a part went out).
   */
  async send(reply: Rendered, { replace = false }: { replace?: boolean } = {}): Promise<void> {
    const [first, ...rest] = reply.messages;
    if (!first) return;
    if (replace && this.shown.inPlace && this.state !== 'replied') await this.update(reply);
    else if (this.state === 'fresh') {
      await this.interaction.reply(toReplyOptions(first));
      this.state = 'replied';
      await this.followUp(rest, reply.ephemeral);
    } else if (this.state === 'deferred' && (this.shown.private || !reply.ephemeral)) {
      // A deferral's visibility was set when deferring; an edit cannot change it.
      const { flags: _visibility, ...edit } = toReplyOptions(first);
      await this.interaction.editReply(edit);
      this.state = 'replied';
      await this.followUp(rest, reply.ephemeral);
    } else await this.sendPrivatelyAfter(reply);
    this.acknowledged();
  }

  /**
   * A private answer where the acknowledgement said otherwise: after a deferred update, or after a
   * public deferral (an apology for a public command), whose "thinking…" message is removed so
   * that only the asker ever sees the answer.
   */
  private async sendPrivatelyAfter(reply: Rendered): Promise<void> {
    if (this.state === 'deferred') await this.interaction.deleteReply();
    this.state = 'replied';
    await this.followUp(reply.messages, reply.ephemeral);
  }

  private async update(reply: Rendered): Promise<void> {
    const [first] = reply.messages;
    const { interaction } = this;
    if (!first || !interaction.isMessageComponent()) return;
    const update = toUpdateOptions(first);
    if (this.state === 'deferred-update') await interaction.editReply(update);
    else await interaction.update(update);
    this.state = 'replied';
  }

  private async followUp(messages: Rendered['messages'], ephemeral: boolean): Promise<void> {
    for (const message of messages) {
      await this.interaction.followUp({
        ...toReplyOptions(message),
        ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
      });
    }
  }
}

/** discord.js spells the payload's fields in camelCase; the renderer's payload is Discord's own JSON. */
function toReplyOptions(
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
function toUpdateOptions(message: MessagePayload): InteractionUpdateOptions {
  return {
    content: message.content ?? '',
    embeds: message.embeds ?? [],
    components: message.components ?? [],
    allowedMentions: message.allowed_mentions,
  };
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
