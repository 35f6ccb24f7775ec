/**
 * The one way to define a command: its definition written `as const` in Discord's own JSON, and
 * the options its handler reads typed from it, so that renaming an option in the definition fails
 * to compile wherever the old name is read. The reply's visibility and reuse are declared beside
 * it, once; a command whose visibility is `asked` takes the `private` option, added last here.
 */
import { ApplicationCommandOptionType, ApplicationCommandType } from 'discord-api-types/v10';
import type {
  Choice,
  CommandEnv,
  CommandModule,
  CommandReply,
  FocusedOption,
  Precondition,
  ReplyPolicy,
  Visibility,
} from './types.js';

type ValueType =
  | ApplicationCommandOptionType.String
  | ApplicationCommandOptionType.Integer
  | ApplicationCommandOptionType.Number
  | ApplicationCommandOptionType.Boolean
  | ApplicationCommandOptionType.Channel;

/** An option that takes a value, as Discord's JSON writes it. */
export interface ValueOption {
  readonly type: ValueType;
  readonly name: string;
  readonly description: string;
  readonly required?: boolean;
  readonly autocomplete?: boolean;
  readonly max_length?: number;
  readonly choices?: readonly { readonly name: string; readonly value: string }[];
  readonly channel_types?: readonly number[];
}

export interface SubcommandOption {
  readonly type: ApplicationCommandOptionType.Subcommand;
  readonly name: string;
  readonly description: string;
  readonly options?: readonly ValueOption[];
}

export interface SlashDefinition {
  readonly name: string;
  readonly description: string;
  readonly options?: readonly ValueOption[] | readonly SubcommandOption[];
  readonly default_member_permissions?: string;
  readonly contexts?: readonly number[];
}

/** A command in a message's menu ("Look up in briefing"): a name, no options. */
export interface MessageMenuDefinition {
  readonly type: ApplicationCommandType.Message;
  readonly name: string;
}

export type Definition = SlashDefinition | MessageMenuDefinition;

/** Every command's `private` flag: the reply only the asker sees. */
export const PRIVATE_OPTION = {
  type: ApplicationCommandOptionType.Boolean,
  name: 'private',
  description: 'Only you see the answer',
} as const satisfies ValueOption;

/** A channel option's value is the channel's id. */
type ValueOf<O extends ValueOption> = O['type'] extends ApplicationCommandOptionType.Boolean
  ? boolean
  : O['type'] extends ApplicationCommandOptionType.Integer | ApplicationCommandOptionType.Number
    ? number
    : string;

type Flat<T> = { [K in keyof T]: T[K] };

/** The options by name, each of its type; optional unless the definition requires it. */
export type OptionsOf<Options extends readonly ValueOption[]> = Flat<
  {
    readonly [O in Options[number] as O extends { readonly required: true } ? O['name'] : never]: ValueOf<O>;
  } & {
    readonly [O in Options[number] as O extends { readonly required: true } ? never : O['name']]?: ValueOf<O>;
  }
>;

type AskedPrivately<V extends Visibility> = V extends 'asked' ? { readonly private?: boolean } : unknown;

/** One subcommand's call: its name and its own options. */
type SubcommandInput<S, V extends Visibility> = S extends SubcommandOption
  ? {
      readonly subcommand: S['name'];
      readonly options: Flat<OptionsOf<S['options'] extends readonly ValueOption[] ? S['options'] : []>> &
        AskedPrivately<V>;
      readonly targetText?: undefined;
    }
  : never;

/**
 * The input a handler of this definition reads: the options it declares, typed; for a command with
 * subcommands, one of its subcommands with that subcommand's options; for a message menu command,
 * the message's text.
 */
export type InputOf<D extends Definition, V extends Visibility> = D extends MessageMenuDefinition
  ? {
      readonly subcommand?: undefined;
      readonly options: Readonly<Record<never, never>>;
      readonly targetText?: string;
    }
  : D extends { readonly options: readonly SubcommandOption[] }
    ? SubcommandInput<D['options'][number], V>
    : {
        readonly subcommand?: undefined;
        readonly options: Flat<
          OptionsOf<D extends { readonly options: readonly ValueOption[] } ? D['options'] : []>
        > &
          AskedPrivately<V>;
        readonly targetText?: undefined;
      };

/** The names of the options that suggest values as the user types. */
type AutocompletedOf<D extends Definition> = D extends { readonly options: readonly (infer O)[] }
  ? O extends SubcommandOption
    ? AutocompletedName<NonNullable<O['options']>[number]>
    : AutocompletedName<O>
  : never;

type AutocompletedName<O> = O extends { readonly autocomplete: true; readonly name: infer N } ? N : never;

export interface CommandSpec<D extends Definition, P extends ReplyPolicy> {
  reply: P;
  /** Permissions a caller needs, checked by the dispatcher before `handle` runs. */
  preconditions?: readonly Precondition[];
  handle(input: InputOf<D, P['visibility']>, env: CommandEnv): CommandReply;
  autocomplete?(
    focused: FocusedOption<AutocompletedOf<D>>,
    input: InputOf<D, P['visibility']>,
    env: CommandEnv,
  ): Choice[];
}

/**
 * A command from its definition and what it does. The dispatcher checks every option's type and
 * presence against the definition before the handler runs (optionProblem), so the handler reads
 * them as the definition types them.
 */
export function defineCommand<const D extends Definition, const P extends ReplyPolicy>(
  definition: D,
  spec: CommandSpec<D, P>,
): CommandModule {
  type Input = InputOf<D, P['visibility']>;
  return {
    definition: definitionJson(definition, spec.reply.visibility),
    reply: spec.reply,
    ...(spec.preconditions ? { preconditions: spec.preconditions } : {}),
    handle: (input, env) => spec.handle(input as Input, env),
    ...(spec.autocomplete
      ? {
          autocomplete: (focused, input, env) =>
            spec.autocomplete?.(focused as FocusedOption<AutocompletedOf<D>>, input as Input, env) ?? [],
        }
      : {}),
  };
}

/** The definition as Discord takes it: a slash command's kind written out, `private` last. */
function definitionJson(definition: Definition, visibility: Visibility): CommandModule['definition'] {
  if ('type' in definition) return { ...definition };
  const options = [...(definition.options ?? []), ...(visibility === 'asked' ? [PRIVATE_OPTION] : [])];
  // Discord's JSON types are mutable where `as const` is read-only; the emulator checks every
  // definition as Discord does (test/discord/bot.test.ts, deploy-commands).
  return {
    ...definition,
    type: ApplicationCommandType.ChatInput,
    ...(options.length > 0 ? { options } : {}),
  } as unknown as CommandModule['definition'];
}
