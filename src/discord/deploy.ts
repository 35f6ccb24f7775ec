/** Registering the slash commands with Discord: one server when a guild id is given, else globally. */
import { REST } from '@discordjs/rest';
import { type RESTPutAPIApplicationCommandsResult, Routes } from 'discord-api-types/v10';
import type { CommandModule } from '../command/types.js';

export interface DeployOptions {
  token: string;
  clientId: string;
  guildId?: string | undefined;
  apiUrl?: string | undefined;
  commands: readonly CommandModule[];
}

export async function deployCommands({ token, clientId, guildId, apiUrl, commands }: DeployOptions) {
  const rest = new REST(apiUrl ? { api: apiUrl } : {}).setToken(token);
  const route = guildId
    ? Routes.applicationGuildCommands(clientId, guildId)
    : Routes.applicationCommands(clientId);
  const registered = (await rest.put(route, {
    body: commands.map((c) => c.definition),
  })) as RESTPutAPIApplicationCommandsResult;
  return { scope: guildId ? `server ${guildId}` : 'global', registered };
}
