/**
 * Routes each interaction by command name to its handler and answers it: within Discord's
 * 3-second window, never left hanging, and a failure is one logged error and a short apology.
 */
import {
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  type MessageContextMenuCommandInteraction,
  MessageFlags,
  type RepliableInteraction,
} from 'discord.js';
import type { Briefing } from '../briefing/model.js';
import { apologyReply, type Outcome, unreadableReply, unsupportedReply } from '../command/dispatch.js';
import type { DigestEffect } from '../command/effects.js';
import { commandRegistry } from '../command/registry.js';
import { answerCommandInput } from '../command/replies.js';
import type { CommandModule, CommandReply } from '../command/types.js';
import type { Dataset } from '../dataset/dataset.js';
import type { Logger } from '../log.js';
import type { Rendered } from '../render/payload.js';
import { fitChoices, renderBriefing, renderReply } from '../render/render.js';
import { Backlog, type BacklogOptions } from './backlog.js';
import {
  expectsPrivateReply,
  fillDeferredReply,
  messageMenuToInput,
  sendApology,
  sendReply,
  slashCommandInput,
} from './interactions.js';

export interface RouterOptions {
  commands: readonly CommandModule[];
  dataset: () => Dataset;
  logger: Logger;
  now?: () => Date;
  /** Carries out what a command asked for (e.g. saving a digest schedule) and says how it went. */
  performEffect?: (effect: DigestEffect, interaction: RepliableInteraction) => Promise<Briefing>;
  /** When to acknowledge first; see Backlog. */
  backlog?: BacklogOptions;
}

export function createRouter(options: RouterOptions) {
  const { logger } = options;
  const registry = commandRegistry(options.commands);
  const now = options.now ?? (() => new Date());
  const backlog = new Backlog(options.backlog);

  async function handle(interaction: Interaction): Promise<void> {
    if (interaction.isAutocomplete()) await answerAutocomplete(interaction);
    else if (interaction.isChatInputCommand() || interaction.isMessageContextMenuCommand()) {
      await answerCommand(interaction);
    } else if (interaction.isRepliable()) await answerUnsupported(interaction);
  }

  /** Buttons, selects, forms and user menus: the bot makes none, so any that arrives is someone else's. */
  async function answerUnsupported(interaction: RepliableInteraction): Promise<void> {
    const started = performance.now();
    let outcome: Logged = 'unsupported';
    await sendReply(interaction, renderReply(unsupportedReply())).catch((error: unknown) => {
      outcome = 'reply_failed';
      logger.error({ ...where(interaction), err: error }, 'reply failed');
    });
    logger.info(
      {
        ...where(interaction),
        kind: interaction.isMessageComponent()
          ? 'component'
          : interaction.isModalSubmit()
            ? 'form'
            : 'user_menu',
        ms: elapsed(started),
        outcome,
      },
      'interaction',
    );
  }

  async function answerAutocomplete(interaction: AutocompleteInteraction): Promise<void> {
    const started = performance.now();
    const command = registry.get(interaction.commandName);
    let outcome: Outcome = 'ok';
    try {
      const focused = interaction.options.getFocused(true);
      const choices = command?.autocomplete?.(
        { name: focused.name, value: String(focused.value) },
        slashCommandInput(interaction),
        { dataset: options.dataset(), now: now() },
      );
      await interaction.respond(fitChoices(choices ?? []));
    } catch (error) {
      outcome = 'error';
      logger.error(
        { ...where(interaction), command: interaction.commandName, err: error },
        'autocomplete failed',
      );
      // An empty list rather than Discord's "loading options failed".
      if (!interaction.responded) await interaction.respond([]).catch(() => undefined);
    }
    logger.info(
      {
        ...where(interaction),
        kind: 'autocomplete',
        command: interaction.commandName,
        ms: elapsed(started),
        outcome,
      },
      'interaction',
    );
  }

  /**
   * Answers a command. Under load (see Backlog) the interaction is acknowledged first with a
   * deferred reply, a few bytes sent within Discord's 3 seconds whatever the backlog, and the
   * answer is worked out and filled in after, a few at a time, so acknowledgements go first.
   */
  async function answerCommand(
    interaction: ChatInputCommandInteraction | MessageContextMenuCommandInteraction,
  ): Promise<void> {
    const started = performance.now();
    const input = interaction.isChatInputCommand()
      ? slashCommandInput(interaction)
      : messageMenuToInput(interaction);
    const deferFirst = backlog.busy();
    const acknowledged = backlog.arrived();
    let outcome: Logged = 'ok';
    const answer = async () => {
      const caller = {
        permissions: interaction.inGuild() ? (interaction.memberPermissions?.bitfield ?? 0n) : null,
      };
      const result: { reply: CommandReply; outcome: Logged; error?: unknown } = input
        ? answerCommandInput(
            registry,
            // A payload with no name is a command the bot does not have.
            interaction.commandName ?? '',
            input,
            { dataset: options.dataset(), now: now() },
            caller,
          )
        : {
            reply: unreadableReply('Discord did not send the message this was used on.'),
            outcome: 'unreadable',
          };
      outcome = result.outcome;
      if (result.error) {
        logger.error(
          { ...where(interaction), command: interaction.commandName, err: result.error },
          'handler failed',
        );
      }
      let reply: Rendered = renderReply(result.reply);
      if (result.reply.effect && options.performEffect && interaction.inGuild()) {
        // Effects do I/O: acknowledge within Discord's 3 seconds, then fill the reply in.
        if (!interaction.deferred) await interaction.deferReply({ flags: MessageFlags.Ephemeral });
        acknowledged();
        reply = renderBriefing(await options.performEffect(result.reply.effect, interaction), {
          ephemeral: true,
        });
      }
      await (interaction.deferred ? fillDeferredReply(interaction, reply) : sendReply(interaction, reply));
    };
    try {
      if (deferFirst) {
        await interaction.deferReply(
          expectsPrivateReply(interaction, input) ? { flags: MessageFlags.Ephemeral } : {},
        );
        acknowledged();
        await backlog.later(answer);
      } else await answer();
    } catch (sendError) {
      outcome = 'reply_failed';
      logger.error(
        { ...where(interaction), command: interaction.commandName, err: sendError },
        'reply failed',
      );
      await sendApology(interaction, renderReply(apologyReply())).catch(() => undefined);
    } finally {
      acknowledged();
    }
    logger.info(
      {
        ...where(interaction),
        kind: interaction.isChatInputCommand() ? 'command' : 'context_menu',
        command: interaction.commandName,
        subcommand: input?.subcommand,
        // Option names and sizes only: what people typed may be personal.
        options: Object.fromEntries(
          Object.entries(input?.options ?? {}).map(([k, v]) => [
            k,
            typeof v === 'string' ? `${v.length} chars` : v,
          ]),
        ),
        ms: elapsed(started),
        ...(deferFirst ? { deferred: true } : {}),
        outcome,
      },
      'interaction',
    );
  }

  return { handle };
}

/** How an interaction ended, as logged. */
type Logged = Outcome | 'reply_failed' | 'unreadable' | 'unsupported';

function where(interaction: Interaction) {
  return { id: interaction.id, guild: interaction.guildId ?? undefined };
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 100) / 100;
}
