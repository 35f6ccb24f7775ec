/**
 * The static index of every command, in the order /help and the deploy list show them: the
 * overview first, then the detail commands, free-text questions, the digest, /help, and the
 * message context menu last.
 */
import type { CommandModule } from '../src/contract/types.js';
import { ask } from './ask.js';
import { casualties } from './casualties.js';
import { compare } from './compare.js';
import { context } from './context.js';
import { digest } from './digest.js';
import { group } from './group.js';
import { helpCommand } from './help.js';
import { incident } from './incident.js';
import { lookup } from './lookup.js';
import { quotes } from './quotes.js';
import { sources } from './sources.js';
import { timeline } from './timeline.js';

/** /help reads the list lazily (see help.ts), so it describes every command here, itself included. */
export const help: CommandModule = helpCommand(() => commands);

export const commands: readonly CommandModule[] = [
  incident,
  casualties,
  compare,
  quotes,
  timeline,
  group,
  context,
  sources,
  ask,
  digest,
  help,
  lookup,
];
