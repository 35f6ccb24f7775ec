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
import { type CommandRegistry, commandRegistry } from '../command/registry.js';
import { answerCommandInput } from '../command/replies.js';
import type { Caller, CommandInput, CommandModule, CommandReply } from '../command/types.js';
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

/** What answering an interaction needs: the router's options with defaults filled in, and its backlog. */
interface RouterDeps {
  registry: CommandRegistry;
  dataset: () => Dataset;
  logger: Logger;
  now: () => Date;
  performEffect: RouterOptions['performEffect'];
  backlog: Backlog;
}

type CommandInteraction = ChatInputCommandInteraction | MessageContextMenuCommandInteraction;

export interface Router {
  handle(interaction: Interaction): Promise<void>;
}

export function createRouter(options: RouterOptions): Router {
  const deps: RouterDeps = {
    registry: commandRegistry(options.commands),
    dataset: options.dataset,
    logger: options.logger,
    now: options.now ?? (() => new Date()),
    performEffect: options.performEffect,
    backlog: new Backlog(options.backlog),
  };
  return { handle: (interaction: Interaction) => routeInteraction(deps, interaction) };
}

async function routeInteraction(deps: RouterDeps, interaction: Interaction): Promise<void> {
  if (interaction.isAutocomplete()) await answerAutocomplete(deps, interaction);
  else if (interaction.isChatInputCommand() || interaction.isMessageContextMenuCommand()) {
    await answerCommand(deps, interaction);
  } else if (interaction.isRepliable()) await answerUnsupported(deps, interaction);
}

/** Buttons, selects, forms and user menus: the bot makes none, so any that arrives is someone else's. */
async function answerUnsupported(deps: RouterDeps, interaction: RepliableInteraction): Promise<void> {
  const started = performance.now();
  let outcome: Logged = 'unsupported';
  await sendReply(interaction, renderReply(unsupportedReply())).catch((error: unknown) => {
    outcome = 'reply_failed';
    deps.logger.error({ ...where(interaction), err: error }, 'reply failed');
  });
  deps.logger.info(
    { ...where(interaction), kind: unsupportedKind(interaction), ms: elapsed(started), outcome },
    'interaction',
  );
}

function unsupportedKind(interaction: RepliableInteraction): string {
  if (interaction.isMessageComponent()) return 'component';
  return interaction.isModalSubmit() ? 'form' : 'user_menu';
}

async function answerAutocomplete(deps: RouterDeps, interaction: AutocompleteInteraction): Promise<void> {
  const started = performance.now();
  const command = deps.registry.get(interaction.commandName);
  let outcome: Outcome = 'ok';
  try {
    const focused = interaction.options.getFocused(true);
    const choices = command?.autocomplete?.(
      { name: focused.name, value: String(focused.value) },
      slashCommandInput(interaction),
      { dataset: deps.dataset(), now: deps.now() },
    );
    await interaction.respond(fitChoices(choices ?? []));
  } catch (error) {
    outcome = 'error';
    deps.logger.error(
      { ...where(interaction), command: interaction.commandName, err: error },
      'autocomplete failed',
    );
    // An empty list rather than Discord's "loading options failed".
    if (!interaction.responded) await interaction.respond([]).catch(() => undefined);
  }
  deps.logger.info(
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
async function answerCommand(deps: RouterDeps, interaction: CommandInteraction): Promise<void> {
  const started = performance.now();
  const input = interaction.isChatInputCommand()
    ? slashCommandInput(interaction)
    : messageMenuToInput(interaction);
  const deferFirst = deps.backlog.busy();
  const acknowledged = deps.backlog.arrived();
  let outcome: Logged;
  try {
    const answer = () => sendAnswer(deps, interaction, input, acknowledged);
    if (deferFirst) {
      await interaction.deferReply(
        expectsPrivateReply(interaction, input) ? { flags: MessageFlags.Ephemeral } : {},
      );
      acknowledged();
      outcome = await deps.backlog.later(answer);
    } else outcome = await answer();
  } catch (sendError) {
    outcome = 'reply_failed';
    deps.logger.error(
      { ...where(interaction), command: interaction.commandName, err: sendError },
      'reply failed',
    );
    await sendApology(interaction, renderReply(apologyReply())).catch(() => undefined);
  } finally {
    acknowledged();
  }
  deps.logger.info(
    {
      ...where(interaction),
      kind: interaction.isChatInputCommand() ? 'command' : 'context_menu',
      command: interaction.commandName,
      subcommand: input?.subcommand,
      options: optionSizes(input),
      ms: elapsed(started),
      ...(deferFirst ? { deferred: true } : {}),
      outcome,
    },
    'interaction',
  );
}

/** Works a command's answer out and sends it, or fills the deferred reply in; says how it went. */
async function sendAnswer(
  deps: RouterDeps,
  interaction: CommandInteraction,
  input: CommandInput | undefined,
  acknowledged: () => void,
): Promise<Logged> {
  const result = commandResult(deps, interaction, input);
  if (result.error) {
    deps.logger.error(
      { ...where(interaction), command: interaction.commandName, err: result.error },
      'handler failed',
    );
  }
  let reply: Rendered = renderReply(result.reply);
  if (result.reply.effect && deps.performEffect && interaction.inGuild()) {
    reply = await replyAfterEffect(deps.performEffect, result.reply.effect, interaction, acknowledged);
  }
  await (interaction.deferred ? fillDeferredReply(interaction, reply) : sendReply(interaction, reply));
  return result.outcome;
}

/** The handler's reply and outcome, or a notice when Discord left out what the command needs. */
function commandResult(
  deps: RouterDeps,
  interaction: CommandInteraction,
  input: CommandInput | undefined,
): CommandResult {
  const caller: Caller = {
    permissions: interaction.inGuild() ? (interaction.memberPermissions?.bitfield ?? 0n) : null,
  };
  if (!input) {
    return {
      reply: unreadableReply('Discord did not send the message this was used on.'),
      outcome: 'unreadable',
    };
  }
  return answerCommandInput(
    deps.registry,
    // A payload with no name is a command the bot does not have.
    interaction.commandName ?? '',
    input,
    { dataset: deps.dataset(), now: deps.now() },
    caller,
  );
}

/** Effects do I/O: acknowledge within Discord's 3 seconds, then carry the effect out for the reply. */
async function replyAfterEffect(
  performEffect: NonNullable<RouterOptions['performEffect']>,
  effect: DigestEffect,
  interaction: CommandInteraction,
  acknowledged: () => void,
): Promise<Rendered> {
  if (!interaction.deferred) await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  acknowledged();
  return renderBriefing(await performEffect(effect, interaction), { ephemeral: true });
}

/** Option names and sizes only: what people typed may be personal. */
function optionSizes(input: CommandInput | undefined) {
  return Object.fromEntries(
    Object.entries(input?.options ?? {}).map(([k, v]) => [
      k,
      typeof v === 'string' ? `${v.length} chars` : v,
    ]),
  );
}

/** How an interaction ended, as logged. */
type Logged = Outcome | 'reply_failed' | 'unreadable' | 'unsupported';

interface CommandResult {
  reply: CommandReply;
  outcome: Logged;
  error?: unknown;
}

function where(interaction: Interaction) {
  return { id: interaction.id, guild: interaction.guildId ?? undefined };
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 100) / 100;
}
