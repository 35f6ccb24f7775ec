/**
 * Routes each interaction through the stages that answer it: read it (a command in
 * interactions.ts, a press of one of the bot's buttons or menus in presses.ts), then answer it
 * (answer.ts: run, prepare, send through its responder, log). Autocomplete, which is not a reply,
 * is answered here.
 */
import type { AutocompleteInteraction, Interaction } from 'discord.js';
import { type CallStore, memoryCallStore } from '../contract/calls.js';
import type { Outcome } from '../contract/dispatch.js';
import { commandRegistry } from '../contract/registry.js';
import { replyCache } from '../contract/replies.js';
import type { CommandModule } from '../contract/types.js';
import type { Dataset } from '../dataset/dataset.js';
import type { Logger } from '../log.js';
import { fitChoices } from '../render/render.js';
import { type AnswerDeps, answerInteraction, elapsed, where } from './answer.js';
import { Backlog, type BacklogOptions } from './backlog.js';
import { readCommand, readUnsupported, slashCommandInput } from './interactions.js';
import { isPress, readPress } from './presses.js';

export interface RouterOptions {
  commands: readonly CommandModule[];
  dataset: () => Dataset;
  logger: Logger;
  now?: () => Date;
  /** Carries out what a command asked for (e.g. saving a digest schedule) and says how it went. */
  performEffect?: AnswerDeps['performEffect'];
  /** When to acknowledge first; see Backlog. */
  backlog?: BacklogOptions;
  /** Where calls too long for a component's id are kept: the bot keeps them in its state folder. */
  calls?: CallStore;
}

export interface Router {
  handle(interaction: Interaction): Promise<void>;
}

export function createRouter(options: RouterOptions): Router {
  const registry = commandRegistry(options.commands);
  const calls = options.calls ?? memoryCallStore();
  const deps: Deps = {
    registry,
    replies: replyCache(registry, calls),
    dataset: options.dataset,
    logger: options.logger,
    now: options.now ?? (() => new Date()),
    performEffect: options.performEffect,
    backlog: new Backlog(options.backlog),
    calls,
  };
  return { handle: (interaction: Interaction) => routeInteraction(deps, interaction) };
}

type Deps = AnswerDeps & { calls: CallStore };

async function routeInteraction(deps: Deps, interaction: Interaction): Promise<void> {
  if (interaction.isAutocomplete()) await answerAutocomplete(deps, interaction);
  else if (interaction.isChatInputCommand() || interaction.isMessageContextMenuCommand()) {
    await answerInteraction(deps, interaction, readCommand(deps.registry, interaction));
  } else if (isPress(interaction)) {
    await answerInteraction(
      deps,
      interaction,
      await readPress(interaction, deps.calls, deps.dataset().version),
    );
  } else if (interaction.isRepliable())
    await answerInteraction(deps, interaction, readUnsupported(interaction));
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
