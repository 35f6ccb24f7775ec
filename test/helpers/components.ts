/**
 * Pressing the components of a message the bot sent, as a user does in Discord: a button by its
 * label, a menu's option by its label, by the test's user (or another) with their permissions.
 */
import type {
  ApiMessage,
  Emulator,
  InteractionExchange,
  InteractionInput,
  JsonObject,
  WaitForInteractionOptions,
} from '../../emulator/index.js';

export interface ShownComponent {
  type: number;
  customId: string;
  label?: string;
  placeholder?: string;
  options: { label: string; value: string }[];
}

/** What a user sees of a message: its text and every embed's title, text, fields and footer. */
export function messageText(message: ApiMessage | undefined): string {
  return [
    message?.content ?? '',
    ...(message?.embeds ?? []).flatMap((e) => [
      e.title,
      e.description,
      ...(e.fields ?? []).flatMap((f) => [f.name, f.value]),
      e.footer?.text,
    ]),
  ]
    .filter(Boolean)
    .join('\n');
}

/** Every component of a message, row by row. */
export function componentsOf(message: ApiMessage | undefined): ShownComponent[] {
  return (message?.components ?? []).flatMap((row) =>
    ((row.components ?? []) as JsonObject[]).map((c) => ({
      type: c.type as number,
      customId: c.custom_id as string,
      ...(typeof c.label === 'string' ? { label: c.label } : {}),
      ...(typeof c.placeholder === 'string' ? { placeholder: c.placeholder } : {}),
      options: ((c.options ?? []) as JsonObject[]).map((o) => ({
        label: o.label as string,
        value: o.value as string,
      })),
    })),
  );
}

/** The message a reply left in the channel (or for the asker): its answer or, deferred, the edit. */
export function replyMessage(exchange: InteractionExchange): ApiMessage & { id: string } {
  const message = exchange.original ?? exchange.followUps[0];
  if (!message?.id) throw new Error(`interaction ${exchange.id} left no message`);
  return message;
}

export interface Presser {
  userId?: string;
  /** Permission bitfield as a decimal string. */
  permissions?: string;
  wait?: WaitForInteractionOptions;
}

/** Presses the button labelled `label` (text or pattern) on `message`. */
export function pressButton(
  emu: Emulator,
  message: ApiMessage & { id: string },
  label: string | RegExp,
  presser: Presser = {},
): Promise<InteractionExchange> {
  const button = componentsOf(message).find((c) => c.type === 2 && matches(c.label, label));
  if (!button) throw new Error(`no button ${String(label)} on message ${message.id}: ${labels(message)}`);
  return emu.sendInteraction(pressInput(message, button.customId, presser), presser.wait);
}

/** Chooses the option labelled `label` in the menu of `message` (the first menu, or the one whose placeholder matches). */
export function chooseOption(
  emu: Emulator,
  message: ApiMessage & { id: string },
  label: string | RegExp,
  presser: Presser & { placeholder?: string | RegExp } = {},
): Promise<InteractionExchange> {
  const menu = componentsOf(message).find(
    (c) => c.type === 3 && (presser.placeholder === undefined || matches(c.placeholder, presser.placeholder)),
  );
  const option = menu?.options.find((o) => matches(o.label, label));
  if (!menu || !option)
    throw new Error(`no option ${String(label)} on message ${message.id}: ${labels(message)}`);
  return emu.sendInteraction(
    { ...pressInput(message, menu.customId, presser), componentType: 3, values: [option.value] },
    presser.wait,
  );
}

function pressInput(message: { id: string }, customId: string, presser: Presser): InteractionInput {
  return {
    type: 'component',
    customId,
    messageId: message.id,
    ...(presser.userId ? { userId: presser.userId } : {}),
    ...(presser.permissions !== undefined ? { permissions: presser.permissions } : {}),
  };
}

function matches(text: string | undefined, wanted: string | RegExp): boolean {
  return text !== undefined && (typeof wanted === 'string' ? text === wanted : wanted.test(text));
}

function labels(message: ApiMessage): string {
  return JSON.stringify(componentsOf(message).map((c) => c.label ?? c.placeholder));
}
