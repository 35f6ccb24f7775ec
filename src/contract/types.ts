/**
 * The contract between the adapters (Discord, the console, tests) and the commands. A command is
 * a definition plus pure functions: the same input and dataset always give the same reply, a
 * value the adapter renders (for Discord or as console text) and, for a change, carries out.
 */

import type { RESTPostAPIApplicationCommandsJSONBody } from 'discord-api-types/v10';
import type { Briefing } from '../briefing/model.js';
import type { FiguresChart } from '../chart/figures.js';
import type { Dataset } from '../dataset/dataset.js';
import type { Choice } from '../render/payload.js';

export type { Choice } from '../render/payload.js';

export type OptionValue = string | number | boolean;

/** An interaction reduced to plain data: what was asked, with which options. */
export interface CommandInput {
  /** The subcommand, for commands that have them (`/digest set`). */
  subcommand?: string;
  options: Readonly<Record<string, OptionValue>>;
  /** For message context-menu commands: the text of the message it was used on. */
  targetText?: string;
}

/** What a handler may read besides its input. */
export interface CommandEnv {
  dataset: Dataset;
  /** The moment of the request: handlers never read the clock themselves. */
  now: Date;
}

export interface FocusedOption<Name extends string = string> {
  name: Name;
  value: string;
}

/** A command to run later, from a button or a menu: which, with what options, which part of its reply. */
export interface CommandCall {
  command: string;
  input: CommandInput;
  /** The part of a long reply to show, from 0 (the first). */
  part?: number;
}

/**
 * What a reply offers next, as plain data: a button that runs a command, or a menu whose choice
 * fills one option of the command it runs. The adapter turns them into components (Discord) or
 * numbered actions (the console).
 */
export type Action =
  | { kind: 'button'; label: string; call: CommandCall }
  | { kind: 'menu'; placeholder: string; call: CommandCall; option: string; choices: readonly Choice[] };

/** A handler's answer: what to show, to whom, what it offers next, and for a change, the change. */
export interface CommandReply {
  briefing: Briefing;
  /** Only the person who asked sees it. */
  private: boolean;
  /** Details on demand: the quotes behind a figure, the sources, a related comparison. */
  actions?: readonly Action[];
  /** Figures to draw and send with the reply as pictures (the adapters draw them). */
  chart?: FiguresChart;
  /** Carried out through the adapter (it does I/O); the adapter then says how it went. */
  effect?: Effect;
}

/**
 * A change a command asks for, as plain data. The layer that owns it says what it holds and
 * carries it out (a digest request: src/digest/requests.ts); the contract only passes it on.
 */
export interface Effect {
  readonly kind: string;
}

/** A permission a command (or some of its subcommands) needs, checked apart from its logic. */
export interface Precondition {
  /** The subcommands it applies to; all of the command when absent. */
  subcommands?: readonly string[];
  permission: bigint;
  /** Said to a user who lacks the permission. */
  explanation: string;
}

/** Who asks, as far as the preconditions need to know. */
export interface Caller {
  /** The member's permissions in the channel; null outside a server. */
  permissions: bigint | null;
}

/**
 * Who sees a command's reply: `asked`, the channel unless the asker says `private: true` (the
 * command then takes that option); `private`, only the asker, always.
 */
export type Visibility = 'asked' | 'private';

/**
 * Whether a reply may be given again to an identical call: `never` (it depends on more than the
 * call and the environment, or it changes something), or `same-minute` (the handler reads the
 * clock to the minute at most, so an identical call in the same minute gets the same reply).
 */
export type Reuse = 'never' | 'same-minute';

/** What a command declares about its reply, read by the adapters before the handler runs. */
export interface ReplyPolicy {
  visibility: Visibility;
  reuse: Reuse;
}

export interface CommandModule {
  definition: RESTPostAPIApplicationCommandsJSONBody;
  reply: ReplyPolicy;
  handle(input: CommandInput, env: CommandEnv): CommandReply;
  /** Permissions a caller needs, checked by the adapter before `handle` runs. */
  preconditions?: readonly Precondition[];
  /** Typed text in, at most 25 choices out. */
  autocomplete?(focused: FocusedOption, input: CommandInput, env: CommandEnv): Choice[];
}
