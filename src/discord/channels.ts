/** Whether the bot may post digests in a channel: the server's own, and the permissions to post there. */
import { ChannelType, type Client, PermissionFlagsBits, type PermissionsString } from 'discord.js';

const NEEDED = {
  ViewChannel: 'View Channel',
  SendMessages: 'Send Messages',
  EmbedLinks: 'Embed Links',
} as const;

/** Why the bot cannot post digests in the channel, or null when it can. */
export async function digestChannelProblem(
  client: Client,
  guildId: string,
  channelId: string,
): Promise<string | null> {
  const channel =
    client.channels.cache.get(channelId) ?? (await client.channels.fetch(channelId).catch(() => null));
  if (!channel || channel.isDMBased() || channel.guildId !== guildId) {
    return `<#${channelId}> is not a channel of this server: choose one of this server’s channels.`;
  }
  if (channel.type !== ChannelType.GuildText && channel.type !== ChannelType.GuildAnnouncement) {
    return `<#${channelId}> is not a text or announcement channel.`;
  }
  const me = await channel.guild.members.fetchMe();
  const missing = channel
    .permissionsFor(me)
    .missing(Object.keys(NEEDED).map((name) => PermissionFlagsBits[name as keyof typeof NEEDED]));
  if (missing.length === 0) return null;
  const names = missing.map((name: PermissionsString) => NEEDED[name as keyof typeof NEEDED] ?? name);
  return `The bot cannot post in <#${channelId}>: it needs ${names.join(', ')} there. Change the channel’s permissions, or choose another channel.`;
}
