/**
 * Discord's request validation, answering like Discord does:
 * 400 { code: 50035, message: 'Invalid Form Body', errors: { path: { _errors: [{ code, message }] } } }.
 */
import {
  AttachmentLimits,
  attachmentReference,
  EMBED_PICTURES,
  placeholderOf,
  planAttachments,
} from './attachments.js';
import type { JsonObject, RecordedFile } from './types.js';
import { codePoints, isRecord } from './util.js';

export interface FieldError {
  code: string;
  message: string;
}

export interface ErrorTree {
  _errors?: FieldError[];
  [key: string]: ErrorTree | FieldError[] | undefined;
}

export type Path = ReadonlyArray<string | number>;

/** Collects field errors into Discord's nested `errors` tree. */
export class FormErrors {
  readonly tree: ErrorTree = {};
  private count = 0;

  add(path: Path, code: string, message: string): void {
    let node = this.tree;
    for (const key of path) {
      const k = String(key);
      const next = node[k];
      if (next === undefined || Array.isArray(next)) {
        const created: ErrorTree = {};
        node[k] = created;
        node = created;
      } else {
        node = next;
      }
    }
    node._errors ??= [];
    node._errors.push({ code, message });
    this.count++;
  }

  get empty(): boolean {
    return this.count === 0;
  }

  body(): { code: number; message: string; errors: ErrorTree } {
    return { code: 50035, message: 'Invalid Form Body', errors: this.tree };
  }
}

export const MessageLimits = {
  content: 2000,
  embeds: 10,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  authorName: 256,
  embedTotal: 6000,
  actionRows: 5,
  rowComponents: 5,
  nonce: 25,
} as const;

export const MessageFlags = {
  SuppressEmbeds: 1 << 2,
  Ephemeral: 1 << 6,
  Loading: 1 << 7,
  SuppressNotifications: 1 << 12,
  IsComponentsV2: 1 << 15,
} as const;

function maxLength(errors: FormErrors, path: Path, value: unknown, max: number, required = false): number {
  if (value === undefined || value === null) {
    if (required) errors.add(path, 'BASE_TYPE_REQUIRED', 'This field is required');
    return 0;
  }
  if (typeof value !== 'string') {
    errors.add(path, 'BASE_TYPE_STRING', 'Must be a string.');
    return 0;
  }
  const n = codePoints(value);
  if (required && value.trim() === '') {
    errors.add(path, 'BASE_TYPE_REQUIRED', 'This field is required');
  } else if (n > max) {
    errors.add(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);
  }
  return n;
}

function badLength(errors: FormErrors, path: Path, value: unknown, min: number, max: number): number {
  if (typeof value !== 'string') {
    if (min > 0 || value !== undefined) {
      errors.add(
        path,
        value === undefined || value === null ? 'BASE_TYPE_REQUIRED' : 'BASE_TYPE_STRING',
        value === undefined || value === null ? 'This field is required' : 'Must be a string.',
      );
    }
    return 0;
  }
  const n = codePoints(value);
  if (n < min || n > max)
    errors.add(path, 'BASE_TYPE_BAD_LENGTH', `Must be between ${min} and ${max} in length.`);
  return n;
}

function arrayMax(errors: FormErrors, path: Path, value: unknown, max: number): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    errors.add(path, 'BASE_TYPE_ARRAY', 'Must be an array.');
    return [];
  }
  if (value.length > max) errors.add(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);
  return value;
}

/** Validates one embed and returns its text size as Discord counts it toward the 6000 limit. */
function validateEmbed(errors: FormErrors, path: Path, embed: unknown): number {
  if (!isRecord(embed)) {
    errors.add(path, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
    return 0;
  }
  let size = 0;
  size += maxLength(errors, [...path, 'title'], embed.title, MessageLimits.title);
  size += maxLength(errors, [...path, 'description'], embed.description, MessageLimits.description);
  const fields = arrayMax(errors, [...path, 'fields'], embed.fields, MessageLimits.fields);
  fields.forEach((field, i) => {
    const fp = [...path, 'fields', i];
    if (!isRecord(field)) {
      errors.add(fp, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
      return;
    }
    size += maxLength(errors, [...fp, 'name'], field.name, MessageLimits.fieldName, true);
    size += maxLength(errors, [...fp, 'value'], field.value, MessageLimits.fieldValue, true);
    if (field.inline !== undefined && typeof field.inline !== 'boolean') {
      errors.add([...fp, 'inline'], 'BASE_TYPE_BOOLEAN', 'Must be either true or false.');
    }
  });
  if (embed.footer !== undefined && embed.footer !== null) {
    if (!isRecord(embed.footer))
      errors.add([...path, 'footer'], 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
    else
      size += maxLength(
        errors,
        [...path, 'footer', 'text'],
        embed.footer.text,
        MessageLimits.footerText,
        true,
      );
  }
  if (embed.author !== undefined && embed.author !== null) {
    if (!isRecord(embed.author))
      errors.add([...path, 'author'], 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
    else
      size += maxLength(
        errors,
        [...path, 'author', 'name'],
        embed.author.name,
        MessageLimits.authorName,
        true,
      );
  }
  if (embed.color !== undefined && embed.color !== null) {
    if (typeof embed.color !== 'number' || !Number.isInteger(embed.color)) {
      errors.add([...path, 'color'], 'NUMBER_TYPE_COERCE', `Value "${String(embed.color)}" is not int.`);
    } else if (embed.color < 0 || embed.color > 0xffffff) {
      errors.add(
        [...path, 'color'],
        'NUMBER_TYPE_MAX',
        'int value should be less than or equal to 16777215.',
      );
    }
  }
  if (embed.timestamp !== undefined && embed.timestamp !== null) {
    if (typeof embed.timestamp !== 'string' || Number.isNaN(Date.parse(embed.timestamp))) {
      errors.add(
        [...path, 'timestamp'],
        'DATE_TYPE_PARSE',
        `Could not parse ${String(embed.timestamp)}. Should be ISO8601.`,
      );
    }
  }
  const url = embed.url;
  if (url !== undefined && url !== null && (typeof url !== 'string' || !/^https?:\/\/\S+$/.test(url))) {
    errors.add([...path, 'url'], 'URL_TYPE_INVALID_URL', 'Not a well formed URL.');
  }
  for (const key of EMBED_PICTURES) {
    const picture = embed[key];
    if (picture === undefined || picture === null) continue;
    if (!isRecord(picture)) {
      errors.add([...path, key], 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
    } else if (typeof picture.url !== 'string' || !/^(?:https?|attachment):\/\/\S+$/.test(picture.url)) {
      // A picture is shown from the web or from a file uploaded with the message.
      errors.add([...path, key, 'url'], 'URL_TYPE_INVALID_URL', 'Not a well formed URL.');
    }
  }
  return size;
}

/** Component types that take a whole action row: the select menus (text, user, role, mentionable, channel). */
const SELECT_TYPES = new Set([3, 5, 6, 7, 8]);

export const ComponentLimits = {
  customId: 100,
  buttonLabel: 80,
  placeholder: 150,
  selectOptions: 25,
  optionLabel: 100,
  optionValue: 100,
  optionDescription: 100,
} as const;

function validateComponents(errors: FormErrors, path: Path, components: unknown, v2: boolean): void {
  const rows = arrayMax(errors, path, components, v2 ? 40 : MessageLimits.actionRows);
  if (v2) return;
  const ids = new Set<string>();
  rows.forEach((row, i) => {
    if (!isRecord(row) || row.type !== 1) {
      errors.add(
        [...path, i, 'type'],
        'COMPONENT_LAYOUT_WIDTH_EXCEEDED',
        'Top-level components must be action rows.',
      );
      return;
    }
    const inner = arrayMax(errors, [...path, i, 'components'], row.components, MessageLimits.rowComponents);
    if (inner.length === 0)
      errors.add([...path, i, 'components'], 'BASE_TYPE_MIN_LENGTH', 'Must be 1 or more in length.');
    if (inner.length > 1 && inner.some((c) => isRecord(c) && SELECT_TYPES.has(c.type as number))) {
      errors.add(
        [...path, i, 'components'],
        'COMPONENT_LAYOUT_WIDTH_EXCEEDED',
        'The specified component exceeds the maximum width',
      );
    }
    inner.forEach((component, j) => {
      validateComponent(errors, [...path, i, 'components', j], component, ids);
    });
  });
}

/** One button or select menu in a row; `ids` collects the message's custom ids (each used once). */
function validateComponent(errors: FormErrors, path: Path, component: unknown, ids: Set<string>): void {
  if (!isRecord(component)) {
    errors.add(path, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
    return;
  }
  const customId = (required: boolean) => {
    if (!required && component.custom_id === undefined) return;
    badLength(errors, [...path, 'custom_id'], component.custom_id, 1, ComponentLimits.customId);
    if (typeof component.custom_id !== 'string') return;
    if (ids.has(component.custom_id)) {
      errors.add(
        [...path, 'custom_id'],
        'COMPONENT_CUSTOM_ID_DUPLICATED',
        'Component custom id cannot be duplicated',
      );
    }
    ids.add(component.custom_id);
  };
  if (component.type === 2) {
    const style = component.style;
    if (typeof style !== 'number' || !Number.isInteger(style) || style < 1 || style > 6) {
      errors.add([...path, 'style'], 'BASE_TYPE_CHOICES', 'Value must be one of (1, 2, 3, 4, 5, 6).');
    }
    maxLength(errors, [...path, 'label'], component.label, ComponentLimits.buttonLabel);
    if (style === 5) {
      if (typeof component.url !== 'string')
        errors.add([...path, 'url'], 'BASE_TYPE_REQUIRED', 'This field is required');
      if (component.custom_id !== undefined)
        errors.add(
          [...path, 'custom_id'],
          'BUTTON_COMPONENT_CUSTOM_ID_INVALID',
          'A link button cannot have a custom id',
        );
    } else if (style !== 6) {
      customId(true);
      if (component.label === undefined && component.emoji === undefined)
        errors.add([...path, 'label'], 'BUTTON_COMPONENT_NO_LABEL', 'A button needs a label or an emoji');
    }
    return;
  }
  if (!SELECT_TYPES.has(component.type as number)) {
    errors.add(
      [...path, 'type'],
      'UNION_TYPE_CHOICES',
      `Value of field "type" must be one of (2, 3, 5, 6, 7, 8).`,
    );
    return;
  }
  customId(true);
  maxLength(errors, [...path, 'placeholder'], component.placeholder, ComponentLimits.placeholder);
  const bounds = ['min_values', 'max_values'] as const;
  for (const key of bounds) {
    const n = component[key];
    if (
      n !== undefined &&
      (typeof n !== 'number' || !Number.isInteger(n) || n < (key === 'min_values' ? 0 : 1) || n > 25)
    ) {
      errors.add(
        [...path, key],
        'NUMBER_TYPE_MAX',
        `${key} must be between ${key === 'min_values' ? 0 : 1} and 25.`,
      );
    }
  }
  if (component.type !== 3) return;
  const options = component.options;
  if (!Array.isArray(options) || options.length < 1 || options.length > ComponentLimits.selectOptions) {
    errors.add([...path, 'options'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 25 in length.');
    return;
  }
  const values = new Set<string>();
  options.forEach((option, k) => {
    const op = [...path, 'options', k];
    if (!isRecord(option)) {
      errors.add(op, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
      return;
    }
    badLength(errors, [...op, 'label'], option.label, 1, ComponentLimits.optionLabel);
    badLength(errors, [...op, 'value'], option.value, 1, ComponentLimits.optionValue);
    maxLength(errors, [...op, 'description'], option.description, ComponentLimits.optionDescription);
    if (typeof option.value === 'string') {
      if (values.has(option.value))
        errors.add(
          [...op, 'value'],
          'SELECT_COMPONENT_OPTION_VALUE_DUPLICATED',
          'Select option values must be unique',
        );
      values.add(option.value);
    }
  });
  const max = typeof component.max_values === 'number' ? component.max_values : 1;
  if (max > options.length) {
    errors.add(
      [...path, 'max_values'],
      'SELECT_COMPONENT_MAX_VALUES_TOO_LARGE',
      'max_values cannot exceed the number of options',
    );
  }
}

export interface MessageCheck {
  /** Edits only validate the fields that are present. */
  partial?: boolean;
  /** Number of uploaded files in a multipart body (they make a message non-empty). */
  files?: number;
  /** Path prefix, e.g. ['data'] for interaction callbacks. */
  prefix?: Path;
}

/** Validates a message create/edit body. Adds to `errors`; returns nothing. */
export function validateMessageBody(
  errors: FormErrors,
  body: Record<string, unknown>,
  check: MessageCheck = {},
): void {
  const p = check.prefix ?? [];
  const flags = typeof body.flags === 'number' ? body.flags : 0;
  const v2 = (flags & MessageFlags.IsComponentsV2) !== 0;
  if (body.content !== undefined && body.content !== null) {
    maxLength(errors, [...p, 'content'], body.content, MessageLimits.content);
    if (v2 && body.content !== '') {
      errors.add(
        [...p, 'content'],
        'MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2',
        "The 'content' field cannot be used when using MessageFlags.IS_COMPONENTS_V2",
      );
    }
  }
  const embeds = arrayMax(errors, [...p, 'embeds'], body.embeds, MessageLimits.embeds);
  if (v2 && embeds.length > 0) {
    errors.add(
      [...p, 'embeds'],
      'MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2',
      "The 'embeds' field cannot be used when using MessageFlags.IS_COMPONENTS_V2",
    );
  }
  let total = 0;
  embeds.forEach((embed, i) => {
    total += validateEmbed(errors, [...p, 'embeds', i], embed);
  });
  if (total > MessageLimits.embedTotal) {
    errors.add([...p, 'embeds'], 'MAX_EMBED_SIZE_EXCEEDED', 'Embed size exceeds maximum size of 6000');
  }
  if (body.components !== undefined && body.components !== null) {
    validateComponents(errors, [...p, 'components'], body.components, v2);
  }
  if (body.nonce !== undefined && body.nonce !== null) {
    if (typeof body.nonce === 'string') {
      maxLength(errors, [...p, 'nonce'], body.nonce, MessageLimits.nonce);
    } else if (typeof body.nonce !== 'number' || !Number.isInteger(body.nonce)) {
      errors.add([...p, 'nonce'], 'BASE_TYPE_STRING', 'Must be a string or an integer.');
    }
  }
  if (
    body.flags !== undefined &&
    body.flags !== null &&
    (typeof body.flags !== 'number' || !Number.isInteger(body.flags))
  ) {
    errors.add([...p, 'flags'], 'NUMBER_TYPE_COERCE', `Value "${String(body.flags)}" is not int.`);
  }
}

/** Discord's 'Cannot send an empty message' check on the final message state. */
export function isEmptyMessage(message: Record<string, unknown>, files = 0): boolean {
  const hasText = typeof message.content === 'string' && message.content.trim() !== '';
  const nonEmptyArray = (v: unknown): boolean => Array.isArray(v) && v.length > 0;
  return !(
    hasText ||
    nonEmptyArray(message.embeds) ||
    nonEmptyArray(message.components) ||
    nonEmptyArray(message.sticker_ids) ||
    nonEmptyArray(message.attachments) ||
    isRecord(message.poll) ||
    files > 0
  );
}

export const EMPTY_MESSAGE_ERROR = { code: 50006, message: 'Cannot send an empty message' };

/** Discord's answer when the files of one request are over the upload limit (HTTP 413). */
export const ENTITY_TOO_LARGE_ERROR = { code: 40005, message: 'Request entity too large' };

/** Total size of a request's files, the figure Discord's upload limit applies to. */
export function uploadBytes(files: readonly RecordedFile[]): number {
  return files.reduce((sum, file) => sum + file.size, 0);
}

export interface AttachmentCheck {
  /** Path prefix of the message, e.g. ['data'] for interaction callbacks. */
  prefix?: Path;
  /** On an edit: the attachments the message has now, which `attachments` may keep by id. */
  existing?: readonly JsonObject[];
}

/**
 * The files uploaded with a message create or edit, and its `attachments` list: every file part
 * named; each entry the id of an upload (its `files[n]` placeholder) or, on an edit, of an
 * attachment the message has; at most 10 attachments; alt text of at most 1024 characters.
 *
 * Beyond Discord: an embed picture given as `attachment://NAME` must name an image the message
 * will have. Discord accepts any such URL and shows no picture when nothing matches; the emulator
 * refuses it, because a missing picture is a bug the tests must see.
 */
export function validateAttachments(
  errors: FormErrors,
  body: Record<string, unknown>,
  files: readonly RecordedFile[],
  check: AttachmentCheck = {},
): void {
  const p = check.prefix ?? [];
  for (const file of files) {
    if (file.filename.trim() === '')
      errors.add([file.field, 'filename'], 'BASE_TYPE_REQUIRED', 'This field is required');
  }
  const placeholders = new Set(files.map(placeholderOf));
  const existingIds = new Set((check.existing ?? []).map((a) => String(a.id)));
  const listed = attachmentEntryList(errors, [...p, 'attachments'], body.attachments);
  listed.forEach((entry, i) => {
    const ep = [...p, 'attachments', i];
    if (!isRecord(entry)) {
      errors.add(ep, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
      return;
    }
    if (entry.id === undefined || entry.id === null) {
      errors.add([...ep, 'id'], 'BASE_TYPE_REQUIRED', 'This field is required');
    } else if (!placeholders.has(String(entry.id)) && !existingIds.has(String(entry.id))) {
      errors.add(ep, 'ATTACHMENT_NOT_FOUND', 'Attachment data not found');
    }
    if (
      entry.filename !== undefined &&
      (typeof entry.filename !== 'string' || entry.filename.trim() === '')
    ) {
      errors.add([...ep, 'filename'], 'BASE_TYPE_REQUIRED', 'This field is required');
    }
    maxLength(errors, [...ep, 'description'], entry.description, AttachmentLimits.description);
  });
  const plan = planAttachments(body, files, check.existing);
  if (plan.kept.length + plan.added.length > AttachmentLimits.perMessage) {
    errors.add(
      [...p, 'attachments'],
      'BASE_TYPE_MAX_LENGTH',
      `Must be ${AttachmentLimits.perMessage} or fewer in length.`,
    );
  }
  const names = new Set([...plan.kept.map((a) => a.filename), ...plan.added.map((a) => a.filename)]);
  const embeds = Array.isArray(body.embeds) ? body.embeds : [];
  embeds.forEach((embed, i) => {
    for (const key of EMBED_PICTURES) {
      const picture = isRecord(embed) ? embed[key] : undefined;
      const name = isRecord(picture) ? attachmentReference(picture.url) : undefined;
      if (name === undefined) continue;
      const problem = embedPictureProblem(name, names);
      if (problem) errors.add([...p, 'embeds', i, key, 'url'], problem.code, problem.message);
    }
  });
}

function attachmentEntryList(errors: FormErrors, path: Path, value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value;
  errors.add(path, 'BASE_TYPE_ARRAY', 'Must be an array.');
  return [];
}

/** Extensions Discord shows as an embed picture from an upload. */
const EMBED_IMAGE_EXTENSION = /\.(?:jpe?g|png|webp|gif)$/i;
/** Discord's rule for the NAME of `attachment://NAME`. */
const ATTACHMENT_NAME = /^[A-Za-z0-9_.-]+$/;

/**
 * Why `attachment://name` would show no picture, given the names of the message's attachments.
 * Discord accepts all three silently, so the codes are the emulator's own.
 */
function embedPictureProblem(name: string, names: ReadonlySet<unknown>): FieldError | undefined {
  if (!ATTACHMENT_NAME.test(name)) {
    return {
      code: 'EMBED_ATTACHMENT_NAME_INVALID',
      message: `attachment://${name}: the name may only hold ASCII letters, digits, underscores, dashes and dots.`,
    };
  }
  if (!EMBED_IMAGE_EXTENSION.test(name)) {
    return {
      code: 'EMBED_ATTACHMENT_NOT_IMAGE',
      message: `attachment://${name}: only .jpg, .jpeg, .png, .webp and .gif files are shown in an embed.`,
    };
  }
  if (!names.has(name)) {
    return {
      code: 'EMBED_ATTACHMENT_NOT_FOUND',
      message: `attachment://${name} names no file of this message; Discord would show no picture.`,
    };
  }
  return undefined;
}

/** Autocomplete callback (type 8) data. */
export function validateAutocompleteChoices(errors: FormErrors, data: unknown): void {
  if (!isRecord(data)) {
    errors.add(['data'], 'BASE_TYPE_REQUIRED', 'This field is required');
    return;
  }
  const choices = arrayMax(errors, ['data', 'choices'], data.choices, 25);
  if (data.choices === undefined)
    errors.add(['data', 'choices'], 'BASE_TYPE_REQUIRED', 'This field is required');
  choices.forEach((choice, i) => {
    const cp = ['data', 'choices', i];
    if (!isRecord(choice)) {
      errors.add(cp, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
      return;
    }
    badLength(errors, [...cp, 'name'], choice.name, 1, 100);
    validateChoiceValue(errors, [...cp, 'value'], choice.value);
  });
}

function validateChoiceValue(errors: FormErrors, path: Path, value: unknown, optionType?: number): number {
  if (typeof value === 'string') {
    if (optionType !== undefined && optionType !== 3) {
      errors.add(path, 'NUMBER_TYPE_COERCE', `Value "${value}" is not a number.`);
    }
    return maxLength(errors, path, value, 100);
  }
  if (typeof value === 'number' && Number.isFinite(value)) {
    if (optionType === 3) errors.add(path, 'BASE_TYPE_STRING', 'Must be a string.');
    if (optionType === 4 && !Number.isInteger(value))
      errors.add(path, 'NUMBER_TYPE_COERCE', `Value "${value}" is not int.`);
    return String(value).length;
  }
  errors.add(path, 'BASE_TYPE_REQUIRED', 'This field is required');
  return 0;
}

// ---------------------------------------------------------------------------------------------
// Application commands

export const CommandLimits = {
  chatInput: 100,
  user: 15,
  message: 15,
  options: 25,
  choices: 25,
  combined: 4000,
} as const;

const CHAT_INPUT_NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

function checkChatInputName(errors: FormErrors, path: Path, name: unknown, what = 'Command'): number {
  if (typeof name !== 'string') {
    errors.add(path, 'BASE_TYPE_REQUIRED', 'This field is required');
    return 0;
  }
  if (!CHAT_INPUT_NAME.test(name) || name.toLowerCase() !== name) {
    errors.add(path, 'APPLICATION_COMMAND_INVALID_NAME', `${what} name is invalid`);
  }
  return codePoints(name);
}

function checkLocalizations(
  errors: FormErrors,
  path: Path,
  value: unknown,
  check: (p: Path, v: unknown) => void,
): void {
  if (value === undefined || value === null) return;
  if (!isRecord(value)) {
    errors.add(path, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
    return;
  }
  for (const [locale, text] of Object.entries(value)) check([...path, locale], text);
}

const OPTION_TYPES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];

/** Validates a list of options at one nesting level; returns the combined character count. */
function validateOptions(
  errors: FormErrors,
  path: Path,
  options: unknown,
  level: 'top' | 'group' | 'sub',
): number {
  const list = arrayMax(errors, path, options, CommandLimits.options);
  let size = 0;
  const names = new Set<string>();
  let sawOptional = false;
  const isSub = (o: unknown): boolean => isRecord(o) && (o.type === 1 || o.type === 2);
  if (level === 'top' && list.some(isSub) && !list.every(isSub)) {
    errors.add(
      path,
      'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID',
      'Sub-command and sub-command group option types are mutually exclusive to all other types',
    );
  }
  list.forEach((opt, i) => {
    const op = [...path, i];
    if (!isRecord(opt)) {
      errors.add(op, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
      return;
    }
    if (typeof opt.type !== 'number' || !OPTION_TYPES.includes(opt.type)) {
      errors.add([...op, 'type'], 'BASE_TYPE_CHOICES', `Value must be one of {${OPTION_TYPES.join(', ')}}.`);
      return;
    }
    if (level === 'group' && opt.type !== 1) {
      errors.add(
        [...op, 'type'],
        'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID',
        'Sub-command groups can only contain sub-commands',
      );
    }
    if (level === 'sub' && (opt.type === 1 || opt.type === 2)) {
      errors.add(
        [...op, 'type'],
        'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID',
        'Sub-commands cannot contain sub-commands',
      );
    }
    size += checkChatInputName(errors, [...op, 'name'], opt.name, 'Option');
    size += badLength(errors, [...op, 'description'], opt.description, 1, 100);
    checkLocalizations(errors, [...op, 'name_localizations'], opt.name_localizations, (p, v) =>
      checkChatInputName(errors, p, v, 'Option'),
    );
    checkLocalizations(errors, [...op, 'description_localizations'], opt.description_localizations, (p, v) =>
      badLength(errors, p, v, 1, 100),
    );
    if (typeof opt.name === 'string') {
      if (names.has(opt.name)) {
        errors.add(
          [...op, 'name'],
          'APPLICATION_COMMAND_OPTIONS_DUPLICATE_NAME',
          'Option names must be unique',
        );
      }
      names.add(opt.name);
    }
    if (opt.required !== undefined && opt.required !== null && typeof opt.required !== 'boolean') {
      errors.add([...op, 'required'], 'BASE_TYPE_BOOLEAN', 'Must be either true or false.');
    }
    if (opt.type !== 1 && opt.type !== 2) {
      if (opt.required === true && sawOptional) {
        errors.add(
          path,
          'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID',
          'Required options must be placed before non-required options',
        );
      }
      if (opt.required !== true) sawOptional = true;
    }
    if (opt.choices !== undefined && opt.choices !== null) {
      if (![3, 4, 10].includes(opt.type)) {
        errors.add(
          [...op, 'choices'],
          'APPLICATION_COMMAND_OPTION_CHOICES_INVALID',
          'Choices are only allowed for string, integer and number options',
        );
      }
      if (opt.autocomplete === true && Array.isArray(opt.choices) && opt.choices.length > 0) {
        errors.add(
          [...op, 'autocomplete'],
          'APPLICATION_COMMAND_AUTOCOMPLETE_CHOICES',
          'Autocomplete cannot be enabled on options with choices',
        );
      }
      const choices = arrayMax(errors, [...op, 'choices'], opt.choices, CommandLimits.choices);
      choices.forEach((choice, j) => {
        const cp = [...op, 'choices', j];
        if (!isRecord(choice)) {
          errors.add(cp, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
          return;
        }
        size += badLength(errors, [...cp, 'name'], choice.name, 1, 100);
        size += validateChoiceValue(errors, [...cp, 'value'], choice.value, opt.type as number);
      });
    }
    if (opt.autocomplete === true && ![3, 4, 10].includes(opt.type)) {
      errors.add(
        [...op, 'autocomplete'],
        'APPLICATION_COMMAND_AUTOCOMPLETE_INVALID',
        'Autocomplete is only allowed for string, integer and number options',
      );
    }
    for (const key of ['min_length', 'max_length'] as const) {
      const v = opt[key];
      if (v === undefined || v === null) continue;
      if (opt.type !== 3)
        errors.add(
          [...op, key],
          'APPLICATION_COMMAND_OPTION_INVALID',
          `${key} is only allowed for string options`,
        );
      else if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 6000) {
        errors.add([...op, key], 'NUMBER_TYPE_MAX', 'int value should be between 0 and 6000.');
      }
    }
    if (opt.type === 1 || opt.type === 2) {
      size += validateOptions(errors, [...op, 'options'], opt.options, opt.type === 2 ? 'group' : 'sub');
    } else if (
      opt.options !== undefined &&
      opt.options !== null &&
      Array.isArray(opt.options) &&
      opt.options.length > 0
    ) {
      errors.add(
        [...op, 'options'],
        'APPLICATION_COMMAND_OPTION_INVALID',
        'Only sub-commands and groups can have options',
      );
    }
  });
  return size;
}

/** Validates one command definition (create / bulk overwrite element). */
export function validateCommand(errors: FormErrors, path: Path, cmd: unknown): void {
  if (!isRecord(cmd)) {
    errors.add(path, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
    return;
  }
  const type = cmd.type ?? 1;
  if (type !== 1 && type !== 2 && type !== 3 && type !== 4) {
    errors.add([...path, 'type'], 'BASE_TYPE_CHOICES', 'Value must be one of {1, 2, 3, 4}.');
    return;
  }
  let size = 0;
  if (type === 1 || type === 4) {
    size += checkChatInputName(errors, [...path, 'name'], cmd.name);
    size += badLength(errors, [...path, 'description'], cmd.description, 1, 100);
    checkLocalizations(errors, [...path, 'name_localizations'], cmd.name_localizations, (p, v) =>
      checkChatInputName(errors, p, v),
    );
    checkLocalizations(
      errors,
      [...path, 'description_localizations'],
      cmd.description_localizations,
      (p, v) => badLength(errors, p, v, 1, 100),
    );
    size += validateOptions(errors, [...path, 'options'], cmd.options, 'top');
  } else {
    size += badLength(errors, [...path, 'name'], cmd.name, 1, 32);
    checkLocalizations(errors, [...path, 'name_localizations'], cmd.name_localizations, (p, v) =>
      badLength(errors, p, v, 1, 32),
    );
    if (typeof cmd.description === 'string' && cmd.description !== '') {
      errors.add(
        [...path, 'description'],
        'APPLICATION_COMMAND_CONTEXT_MENU_DESCRIPTION',
        'Context menu commands cannot have description',
      );
    }
    if (Array.isArray(cmd.options) && cmd.options.length > 0) {
      errors.add(
        [...path, 'options'],
        'APPLICATION_COMMAND_CONTEXT_MENU_OPTIONS',
        'Context menu commands cannot have options',
      );
    }
  }
  if (size > CommandLimits.combined) {
    errors.add(
      path,
      'APPLICATION_COMMAND_TOO_LARGE',
      `Command exceeds maximum size (${CommandLimits.combined})`,
    );
  }
  const dmp = cmd.default_member_permissions;
  if (dmp !== undefined && dmp !== null && (typeof dmp !== 'string' || !/^\d+$/.test(dmp))) {
    errors.add(
      [...path, 'default_member_permissions'],
      'BASE_TYPE_STRING',
      'Must be a string of a permission bitfield (digits) or null.',
    );
  }
  for (const key of ['dm_permission', 'nsfw'] as const) {
    const v = cmd[key];
    if (v !== undefined && v !== null && typeof v !== 'boolean') {
      errors.add([...path, key], 'BASE_TYPE_BOOLEAN', 'Must be either true or false.');
    }
  }
  for (const [key, allowed] of [
    ['contexts', [0, 1, 2]],
    ['integration_types', [0, 1]],
  ] as const) {
    const v = cmd[key];
    if (v === undefined || v === null) continue;
    if (!Array.isArray(v)) errors.add([...path, key], 'BASE_TYPE_ARRAY', 'Must be an array.');
    else
      v.forEach((x, i) => {
        if (!(allowed as readonly unknown[]).includes(x)) {
          errors.add([...path, key, i], 'BASE_TYPE_CHOICES', `Value must be one of {${allowed.join(', ')}}.`);
        }
      });
  }
}

/** Validates a bulk overwrite (PUT) body. */
export function validateCommandList(errors: FormErrors, list: unknown): void {
  if (!Array.isArray(list)) {
    errors.add([], 'BASE_TYPE_ARRAY', 'Must be an array.');
    return;
  }
  list.forEach((cmd, i) => {
    validateCommand(errors, [i], cmd);
  });
  const byType = new Map<number, number>();
  const seen = new Set<string>();
  for (const cmd of list) {
    if (!isRecord(cmd)) continue;
    const type = typeof cmd.type === 'number' ? cmd.type : 1;
    byType.set(type, (byType.get(type) ?? 0) + 1);
    const key = `${type}:${String(cmd.name)}`;
    if (seen.has(key)) {
      errors.add(
        [],
        'APPLICATION_COMMANDS_DUPLICATE_NAME',
        `Application command names must be unique (${String(cmd.name)})`,
      );
    }
    seen.add(key);
  }
  const limits: Array<[number, number, string]> = [
    [1, CommandLimits.chatInput, 'chat input'],
    [2, CommandLimits.user, 'user'],
    [3, CommandLimits.message, 'message'],
  ];
  for (const [type, max, label] of limits) {
    if ((byType.get(type) ?? 0) > max) {
      errors.add([], 'APPLICATION_COMMANDS_TOO_MANY', `Maximum number of ${label} commands reached (${max})`);
    }
  }
}
