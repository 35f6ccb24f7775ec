/**
 * Files uploaded with a message (multipart `files[n]` parts and the `attachments` list of
 * `payload_json`): which ones the message ends up with, and how Discord shows them in its embeds.
 * The checks of these uploads are in validate.ts; the bytes are kept by state.ts.
 */
import type { JsonObject, RecordedFile } from './types.js';
import { isRecord } from './util.js';

export const AttachmentLimits = {
  /** Attachments on one message. */
  perMessage: 10,
  /** Alt text of one attachment. */
  description: 1024,
  /** Discord's default upload limit for all the files of one request (boosted servers allow more). */
  uploadBytes: 10 * 1024 * 1024,
} as const;

/** A file part of a multipart body, with its bytes. */
export interface UploadedFile extends RecordedFile {
  data: Buffer;
}

/** An uploaded file as the message will show it. */
export interface NewAttachment<F extends RecordedFile = UploadedFile> {
  file: F;
  filename: string;
  description?: string;
}

export interface AttachmentPlan<F extends RecordedFile> {
  /** Attachments the edited message already had and keeps. */
  kept: JsonObject[];
  /** Uploaded files the message gains. */
  added: NewAttachment<F>[];
}

const ATTACHMENT_SCHEME = 'attachment://';

/** The embed parts that can show an uploaded picture through `attachment://NAME`. */
export const EMBED_PICTURES = ['image', 'thumbnail'] as const;

/** The snowflake placeholder a file part stands for: `n` of `files[n]` (else its position). */
export function placeholderOf(file: RecordedFile, index: number): string {
  return /^files\[(\d+)\]$/.exec(file.field)?.[1] ?? String(index);
}

/** The entries of `attachments` in a message body, when it has that list. */
function attachmentEntries(body: Record<string, unknown>): Record<string, unknown>[] | undefined {
  return Array.isArray(body.attachments) ? body.attachments.filter(isRecord) : undefined;
}

/**
 * What a create (no `existing`) or an edit does to a message's attachments, as Discord documents
 * it: a new message gets every uploaded file; an edit that lists `attachments` keeps the existing
 * ones listed by id and gains the uploads listed by placeholder, dropping the rest; an edit without
 * the list keeps everything and gains every upload. An entry's `filename` and `description` name
 * and describe its upload.
 */
export function planAttachments<F extends RecordedFile>(
  body: Record<string, unknown>,
  files: readonly F[],
  existing?: readonly JsonObject[],
): AttachmentPlan<F> {
  const entries = attachmentEntries(body);
  const listed = (id: unknown) => entries?.find((e) => String(e.id) === String(id));
  const added = files.flatMap((file, i): NewAttachment<F>[] => {
    const entry = listed(placeholderOf(file, i));
    if (existing && entries && !entry) return [];
    const filename =
      typeof entry?.filename === 'string' && entry.filename !== '' ? entry.filename : file.filename;
    const description = typeof entry?.description === 'string' ? { description: entry.description } : {};
    return [{ file, filename, ...description }];
  });
  const kept = !existing ? [] : entries ? existing.filter((a) => listed(a.id)) : [...existing];
  return { kept, added };
}

/** The attachments a stored message has. */
export function attachmentsOf(message: JsonObject): JsonObject[] {
  return Array.isArray(message.attachments) ? (message.attachments.filter(isRecord) as JsonObject[]) : [];
}

/** The file name an embed picture's URL asks for, when it is an `attachment://` URL. */
export function attachmentReference(url: unknown): string | undefined {
  return typeof url === 'string' && url.startsWith(ATTACHMENT_SCHEME)
    ? url.slice(ATTACHMENT_SCHEME.length)
    : undefined;
}

/**
 * Discord stores an embed picture given as `attachment://NAME` with the URL of the message's
 * attachment of that name (and an image's size).
 */
export function resolveEmbedPictures(embed: JsonObject, attachments: readonly JsonObject[]): JsonObject {
  const out = { ...embed };
  for (const key of EMBED_PICTURES) {
    const picture = out[key];
    if (!isRecord(picture)) continue;
    const name = attachmentReference(picture.url);
    const attachment = attachments.find((a) => a.filename === name);
    if (name === undefined || !attachment) continue;
    const resolved: JsonObject = { ...(picture as JsonObject), url: attachment.url ?? null };
    resolved.proxy_url = attachment.proxy_url ?? null;
    if (attachment.width !== undefined) resolved.width = attachment.width;
    if (attachment.height !== undefined) resolved.height = attachment.height;
    out[key] = resolved;
  }
  return out;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height of a PNG, read from its IHDR chunk (Discord gives them for images). */
export function pngSize(data: Buffer): { width: number; height: number } | undefined {
  if (data.length < 24 || !data.subarray(0, 8).equals(PNG_SIGNATURE)) return undefined;
  if (data.toString('latin1', 12, 16) !== 'IHDR') return undefined;
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}
