/** Helpers for command definitions, so every command declares its options the same way. */
import { SlashCommandBuilder } from '@discordjs/builders';

/** A chat-input command with the `private` option every command takes, added last (it is optional). */
export function slashCommand(name: string, description: string): SlashCommandBuilder {
  return new SlashCommandBuilder().setName(name).setDescription(description);
}

export function addPrivateOption<T extends { addBooleanOption: SlashCommandBuilder['addBooleanOption'] }>(
  builder: T,
): T {
  builder.addBooleanOption((o) => o.setName('private').setDescription('Only you see the answer'));
  return builder;
}
