/** Registering the slash commands with Discord: one server when a guild id is given, else globally. */
import { REST, RequestMethod, type ResponseLike } from '@discordjs/rest';
import { Routes } from 'discord-api-types/v10';
import { z } from 'zod';
import type { CommandModule } from '../contract/types.js';
import { explainUnreachable } from './unreachable.js';

export interface DeployOptions {
  token: string;
  clientId: string;
  guildId?: string | undefined;
  apiUrl?: string | undefined;
  commands: readonly CommandModule[];
}

/** What Discord answers a registration with: the commands now registered, as much of them as is shown. */
const RegisteredCommands = z.array(
  z.looseObject({ name: z.string(), description: z.string(), type: z.number().optional() }),
);

/**
 * The API answered, but not with what registering commands gets (a redirect, a page, an object):
 * most likely DISCORD_API_URL names something other than Discord's API. `status` is its answer's.
 */
class UnexpectedAnswer extends Error {
  override name = 'UnexpectedAnswer';
  constructor(
    readonly status: number,
    what: string,
  ) {
    super(`the API answered ${what}, not the list of commands registered: check DISCORD_API_URL.`);
  }
}

export async function deployCommands({ token, clientId, guildId, apiUrl, commands }: DeployOptions) {
  const rest = new REST(apiUrl ? { api: apiUrl } : {}).setToken(token);
  const route = guildId
    ? Routes.applicationGuildCommands(clientId, guildId)
    : Routes.applicationCommands(clientId);
  // Errors (4xx, 5xx) are thrown by the client; any other answer is read here.
  const response = await rest
    .queueRequest({ method: RequestMethod.Put, fullRoute: route, body: commands.map((c) => c.definition) })
    .catch((error: unknown) => {
      throw explainUnreachable(error, apiUrl);
    });
  return { scope: guildId ? `server ${guildId}` : 'global', registered: await registeredCommands(response) };
}

async function registeredCommands(response: ResponseLike): Promise<z.infer<typeof RegisteredCommands>> {
  const { status, statusText } = response;
  if (status < 200 || status > 299) {
    const location = response.headers.get('location');
    throw new UnexpectedAnswer(
      status,
      `${status} ${statusText}${location ? `, a redirect to ${location.slice(0, 200)}` : ''}`,
    );
  }
  const body: unknown = await response.json().catch(() => undefined);
  const registered = RegisteredCommands.safeParse(body);
  if (!registered.success) throw new UnexpectedAnswer(status, `${status} with ${shapeOf(body)}`);
  return registered.data;
}

/** What an answer held, in a few words (never its content, which may echo anything). */
function shapeOf(body: unknown): string {
  if (body === undefined) return 'no JSON';
  if (Array.isArray(body)) return 'a list of something other than commands';
  return body === null ? 'null' : `a JSON ${typeof body}`;
}
