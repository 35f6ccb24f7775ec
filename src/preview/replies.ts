/**
 * The replies the page shows: every command, answered by its handler and rendered by the renderer
 * exactly as the bot sends it to Discord (the part shown, its buttons and menus, its pictures).
 * By default each slash command is called as a reader would first call it: each subcommand a
 * reader may run, each required option filled with the first value its autocomplete suggests, and
 * once more with each yes-or-no option (other than `private`) set, so that a chart is seen too.
 */
import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { pictureFiles, picturesReady, withPictures } from '../chart/attach.js';
import type { CallStore } from '../contract/calls.js';
import { dispatchCommand } from '../contract/dispatch.js';
import { type CommandRegistry, isMessageCommand, optionsFor, subcommandsOf } from '../contract/registry.js';
import { renderCommandReply } from '../contract/render-reply.js';
import type { Caller, CommandCall, CommandModule, OptionValue } from '../contract/types.js';
import type { Dataset } from '../dataset/dataset.js';
import type { MessagePayload, PayloadFile } from '../render/payload.js';

/** A call shown on the page, as a curator would type it in the console. */
export interface ShownCall {
  line: string;
  call: CommandCall;
}

/** A command the page cannot call by itself: a required option has no value to suggest. */
export interface UncalledCommand {
  line: string;
  needs: string;
}

/** Reader-facing calls: nobody's permissions, so subcommands that need some are left out. */
export const READER: Caller = { permissions: null };
/** The option every command has, which changes only who sees the reply. */
const PRIVATE_OPTION = 'private';

export function defaultCalls(
  registry: CommandRegistry,
  dataset: Dataset,
  now: Date,
): { shown: ShownCall[]; uncalled: UncalledCommand[] } {
  const shown: ShownCall[] = [];
  const uncalled: UncalledCommand[] = [];
  for (const command of registry.all) {
    if (isMessageCommand(command)) {
      uncalled.push({ line: `${command.definition.name}: …`, needs: "a message's text" });
      continue;
    }
    for (const subcommand of openSubcommands(command)) {
      const filled = requiredFilled(command, subcommand, dataset, now);
      const base: CommandCall = {
        command: command.definition.name,
        input: { ...(subcommand ? { subcommand } : {}), options: filled.options },
      };
      if (filled.missing) {
        uncalled.push({ line: `${lineOf(base)} ${filled.missing}: …`, needs: filled.missing });
        continue;
      }
      shown.push({ line: lineOf(base), call: base });
      for (const flag of yesOrNoOptions(command, subcommand)) {
        const call = { ...base, input: { ...base.input, options: { ...base.input.options, [flag]: true } } };
        shown.push({ line: lineOf(call), call });
      }
    }
  }
  return { shown, uncalled };
}

/** The subcommands a reader may run (or the command itself, when it has none). */
function openSubcommands(command: CommandModule): (string | undefined)[] {
  const subcommands = subcommandsOf(command).map((s) => s.name);
  if (subcommands.length === 0) return [undefined];
  const guarded = (name: string) =>
    (command.preconditions ?? []).some((p) => !p.subcommands || p.subcommands.includes(name));
  return subcommands.filter((name) => !guarded(name));
}

/** Each required option filled with the first value the command suggests for it, in order. */
function requiredFilled(
  command: CommandModule,
  subcommand: string | undefined,
  dataset: Dataset,
  now: Date,
): { options: Record<string, OptionValue>; missing?: string } {
  const options: Record<string, OptionValue> = {};
  for (const option of optionsFor(command, subcommand)) {
    if (!('required' in option) || !option.required) continue;
    const input = { ...(subcommand ? { subcommand } : {}), options };
    const suggested =
      command.autocomplete?.({ name: option.name, value: '' }, input, { dataset, now })[0]?.value ??
      ('choices' in option ? option.choices?.[0]?.value : undefined);
    if (suggested === undefined) return { options, missing: option.name };
    options[option.name] = suggested;
  }
  return { options };
}

function yesOrNoOptions(command: CommandModule, subcommand: string | undefined): string[] {
  return optionsFor(command, subcommand)
    .filter((o) => o.type === ApplicationCommandOptionType.Boolean && o.name !== PRIVATE_OPTION)
    .map((o) => o.name);
}

/** `/quotes about: injured`, as the console reads it. */
export function lineOf(call: CommandCall): string {
  const { subcommand, options, targetText } = call.input;
  if (targetText !== undefined) return `${call.command}: ${targetText}`;
  const parts = [`/${call.command}`, ...(subcommand ? [subcommand] : [])];
  for (const [name, value] of Object.entries(options)) parts.push(`${name}: ${value}`);
  return parts.join(' ');
}

/** A reply as the bot sends it: its messages, the pictures with the first. */
export interface ShownReply {
  messages: MessagePayload[];
  pictures: readonly PayloadFile[];
  /**
   * Its pictures while they are being drawn (a new dataset's take a few hundred milliseconds): the
   * reply is shown at once without them, as the bot acknowledges first on Discord, and again once
   * this says they are drawn (false: they could not be, and the reply goes without them).
   */
  drawing: Promise<boolean> | null;
}

export interface AnswerContext {
  registry: CommandRegistry;
  dataset: Dataset;
  now: Date;
  store: CallStore;
  caller: Caller;
  /** Told when the pictures cannot be drawn: the reply is shown without them, as the bot sends it. */
  failed: (error: unknown) => void;
}

export async function answerCall(call: CommandCall, context: AnswerContext): Promise<ShownReply> {
  const { registry, dataset, now, store, caller, failed } = context;
  const { reply } = dispatchCommand(registry, call.command, call.input, { dataset, now }, caller);
  const rendered = renderCommandReply(reply, { call, version: dataset.version, store });
  if (reply.chart && !picturesReady(reply.chart)) {
    const drawing = pictureFiles(reply.chart).then(
      () => true,
      (error: unknown) => {
        failed(error);
        return false;
      },
    );
    return { messages: rendered.messages, pictures: [], drawing };
  }
  const { messages } = await withPictures(rendered, reply.chart, failed);
  return { messages, pictures: messages.flatMap((m) => m.files ?? []), drawing: null };
}
