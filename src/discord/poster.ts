/** Posting digest messages through discord.js's REST client, with Discord's nonce de-duplication. */
import type { REST } from '@discordjs/rest';
import { type APIMessage, Routes } from 'discord-api-types/v10';
import type { DigestPoster } from '../digest/service.js';

export function restPoster(rest: REST): DigestPoster {
  return {
    async post(channelId, messages, nonces) {
      const ids: string[] = [];
      for (const [part, message] of messages.entries()) {
        const { flags: _ephemeralNeverInChannels, ...body } = message;
        const created = (await rest.post(Routes.channelMessages(channelId), {
          body: { ...body, nonce: nonces[part], enforce_nonce: true },
        })) as APIMessage;
        ids.push(created.id);
      }
      return ids;
    },
  };
}
