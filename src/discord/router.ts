/**
 * Routes each interaction to what answers it: a command by name to its handler, a press on one of
 * the bot's buttons or menus to the call in its id (presses.ts); within Discord's 3-second window,
 * never left hanging, and a failure is one logged error and a short apology.
 */
import type {
  AutocompleteInteraction,
  ChatInputCommandInteraction,
  Interaction,
  MessageContextMenuCommandInteraction,
  RepliableInteraction,
} from 'discord.js';
import { MessageFlags } from 'discord.js';
import type { Briefing } from '../briefing/model.js';
import { type CallStore, memoryCallStore } from '../contract/calls.js';
import { type Outcome, unreadableReply, unsupportedReply } from '../contract/dispatch.js';
import { commandRegistry } from '../contract/registry.js';
import type { CommandCall, CommandInput, CommandModule, Effect } from '../contract/types.js';
import type { Dataset } from '../dataset/dataset.js';
import type { Logger } from '../log.js';
import { fitChoices, renderReply } from '../render/render.js';
import {
  type AnswerDeps,
  answerInTurn,
  callerOf,
  elapsed,
  type Logged,
  renderAnswer,
  runCall,
  where,
} from './answer.js';
import { Backlog, type BacklogOptions } from './backlog.js';
import {
  expectsPrivateReply,
  fillDeferredReply,
  messageMenuToInput,
  sendReply,
  slashCommandInput,
} from './interactions.js';
import { answerPress, isPress } from './presses.js';

export interface RouterOptions {
  commands: readonly CommandModule[];
  dataset: () => Dataset;
  logger: Logger;
  now?: () => Date;
  /** Carries out what a command asked for (e.g. saving a digest schedule) and says how it went. */
  performEffect?: (effect: Effect, interaction: RepliableInteraction) => Promise<Briefing>;
  /** When to acknowledge first; see Backlog. */
  backlog?: BacklogOptions;
  /** Where calls too long for a component's id are kept: the bot keeps them in its state folder. */
  calls?: CallStore;
}

type CommandInteraction = ChatInputCommandInteraction | MessageContextMenuCommandInteraction;

export interface Router {
  handle(interaction: Interaction): Promise<void>;
}

export function createRouter(options: RouterOptions): Router {
  const deps: AnswerDeps = {
    registry: commandRegistry(options.commands),
    dataset: options.dataset,
    logger: options.logger,
    now: options.now ?? (() => new Date()),
    performEffect: options.performEffect,
    backlog: new Backlog(options.backlog),
    calls: options.calls ?? memoryCallStore(),
  };
  return { handle: (interaction: Interaction) => routeInteraction(deps, interaction) };
}

async function routeInteraction(deps: AnswerDeps, interaction: Interaction): Promise<void> {
  if (interaction.isAutocomplete()) await answerAutocomplete(deps, interaction);
  else if (interaction.isChatInputCommand() || interaction.isMessageContextMenuCommand()) {
    await answerCommand(deps, interaction);
  } else if (isPress(interaction)) await answerPress(deps, interaction);
  else if (interaction.isRepliable()) await answerUnsupported(deps, interaction);
}

/** User and channel menus, forms, user menus: the bot makes none, so any that arrives is someone else's. */
async function answerUnsupported(deps: AnswerDeps, interaction: RepliableInteraction): Promise<void> {
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

async function answerAutocomplete(deps: AnswerDeps, interaction: AutocompleteInteraction): Promise<void> {
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

/** Answers a slash command or a message menu command (under load, acknowledged first: see answerInTurn). */
async function answerCommand(deps: AnswerDeps, interaction: CommandInteraction): Promise<void> {
  const started = performance.now();
  const input = interaction.isChatInputCommand()
    ? slashCommandInput(interaction)
    : messageMenuToInput(interaction);
  const { outcome, deferred } = await answerInTurn(deps, interaction, {
    command: interaction.commandName,
    defer: () =>
      interaction.deferReply(
        expectsPrivateReply(interaction, input) ? { flags: MessageFlags.Ephemeral } : {},
      ),
    answer: (acknowledged) => sendAnswer(deps, interaction, input, acknowledged),
  });
  deps.logger.info(
    {
      ...where(interaction),
      kind: interaction.isChatInputCommand() ? 'command' : 'context_menu',
      command: interaction.commandName,
      subcommand: input?.subcommand,
      options: optionSizes(input),
      ms: elapsed(started),
      ...(deferred ? { deferred: true } : {}),
      outcome,
    },
    'interaction',
  );
}

/** Works a command's answer out and sends it, or fills the deferred reply in; says how it went. */
async function sendAnswer(
  deps: AnswerDeps,
  interaction: CommandInteraction,
  input: CommandInput | undefined,
  acknowledged: () => void,
): Promise<Logged> {
  if (!input) {
    const unreadable = unreadableReply('Discord did not send the message this was used on.');
    await (interaction.deferred ? fillDeferredReply : sendReply)(interaction, renderReply(unreadable));
    return 'unreadable';
  }
  // A payload with no name is a command the bot does not have.
  const call: CommandCall = { command: interaction.commandName ?? '', input };
  const result = runCall(deps, interaction, call, callerOf(interaction));
  const reply = await renderAnswer(deps, interaction, { reply: result.reply, call }, acknowledged);
  await (interaction.deferred ? fillDeferredReply(interaction, reply) : sendReply(interaction, reply));
  return result.outcome;
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
