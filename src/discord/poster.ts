/** Posting digest messages through discord.js's REST client, with Discord's nonce de-duplication. */
import { DiscordAPIError, type REST } from '@discordjs/rest';
import { type APIMessage, Routes } from 'discord-api-types/v10';
import { DigestPostError, type DigestPoster } from '../digest/composer.js';
import { altTextOf } from '../render/payload.js';

/**
 * `rest` should not retry on its own (`retries: 0`): the digest service is the one retry layer,
 * with back-off and jitter, and it never retries a refusal. discord.js still waits out a 429.
 */
export function restPoster(rest: REST): DigestPoster {
  return {
    async post(channelId, messages, nonces) {
      const ids: string[] = [];
      for (const [part, message] of messages.entries()) {
        const { flags: _ephemeralNeverInChannels, files = [], ...body } = message;
        try {
          const created = (await rest.post(Routes.channelMessages(channelId), {
            body: {
              ...body,
              nonce: nonces[part],
              enforce_nonce: true,
              ...(files.length > 0
                ? {
                    attachments: files.map((f, id) => ({ id, filename: f.name, description: altTextOf(f) })),
                  }
                : {}),
            },
            files: files.map((f) => ({ name: f.name, data: Buffer.from(f.data), contentType: 'image/png' })),
          })) as APIMessage;
          ids.push(created.id);
        } catch (error) {
          throw postError(error);
        }
      }
      return ids;
    },
  };
}

/** A 4xx other than 429 (Missing Access, Unknown Channel, a payload refused) is final. */
function postError(error: unknown): DigestPostError {
  if (error instanceof DiscordAPIError) {
    const permanent = error.status >= 400 && error.status < 500 && error.status !== 429;
    return new DigestPostError(`${error.message} (HTTP ${error.status}, code ${error.code})`, permanent, {
      cause: error,
    });
  }
  return new DigestPostError(error instanceof Error ? error.message : String(error), false, { cause: error });
}
