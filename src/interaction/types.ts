/**
 * The contract between the adapters (Discord, the console, tests) and the commands. A command is
 * a definition plus pure functions: the same input and dataset always give the same reply.
 */
import type { RESTPostAPIApplicationCommandsJSONBody } from 'discord-api-types/v10';
import type { Dataset } from '../dataset/dataset.js';
import type { DigestEffect } from '../digest/effects.js';
import type { Choice, Reply } from '../render/briefing.js';
import type { Precondition } from './preconditions.js';

export type OptionValue = string | number | boolean;

/** An interaction reduced to plain data: what was asked, with which options. */
export interface CommandInput {
  /** The subcommand, for commands that have them (`/digest set`). */
  subcommand?: string;
  options: Readonly<Record<string, OptionValue>>;
  /** For message context-menu commands: the text of the message it was used on. */
  targetText?: string;
}

export interface HandlerContext {
  dataset: Dataset;
  /** The moment of the request: handlers never read the clock themselves. */
  now: Date;
}

export interface FocusedOption {
  name: string;
  value: string;
}

/** A reply, and for commands that change something, the change for the adapter to carry out. */
export type CommandReply = Reply & { effect?: DigestEffect };

export interface CommandModule {
  definition: RESTPostAPIApplicationCommandsJSONBody;
  handle(input: CommandInput, context: HandlerContext): CommandReply;
  /** Permissions a caller needs, checked by the adapter before `handle` runs. */
  preconditions?: readonly Precondition[];
  /** Typed text in, at most 25 choices out. */
  autocomplete?(focused: FocusedOption, input: CommandInput, context: HandlerContext): Choice[];
}
