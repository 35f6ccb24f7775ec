/** Helpers for command definitions, so every command declares its options the same way. */
import { SlashCommandBuilder } from '@discordjs/builders';

/** A chat-input command's builder; `addPrivateOption` then adds the `private` flag, last. */
export function slashCommand(name: string, description: string): SlashCommandBuilder {
  return new SlashCommandBuilder().setName(name).setDescription(description);
}

/** Every command's `private` flag (an ephemeral reply), added last since optional options follow required ones. */
export function addPrivateOption<T extends { addBooleanOption: SlashCommandBuilder['addBooleanOption'] }>(
  builder: T,
): T {
  builder.addBooleanOption((o) => o.setName('private').setDescription('Only you see the answer'));
  return builder;
}
