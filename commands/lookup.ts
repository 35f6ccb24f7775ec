/**
 * "Look up in briefing": the message context-menu command. It runs the /ask lookup on the text of
 * the message it is used on and answers privately, always: a lookup is for the person who asked,
 * not a reply to the message's author.
 */
import { ApplicationCommandType } from 'discord-api-types/v10';
import { incidentNamedIn } from '../src/answer/kinds.js';
import { defineCommand } from '../src/contract/define.js';
import { privately } from '../src/contract/respond.js';
import { defaultIncident } from '../src/dataset/dataset.js';
import { askAnswer } from './ask.js';

export const LOOKUP_NAME = 'Look up in briefing';

const definition = { name: LOOKUP_NAME, type: ApplicationCommandType.Message } as const;

export const lookup = defineCommand(definition, {
  reply: { visibility: 'private', reuse: 'same-minute' },

  handle(input, { dataset }) {
    const text = (input.targetText ?? '').trim();
    if (text === '') {
      return privately({
        title: 'Nothing to look up',
        description:
          'That message has no text to look up: images, attachments and stickers cannot be searched. Use it on a message with words in it, or ask with `/ask`.',
        sections: [],
        tone: 'notice',
      });
    }
    // askAnswer reduces a long message to its informative words (at most 300 characters).
    const incident = incidentNamedIn(dataset, text) ?? defaultIncident(dataset)?.id;
    const answer = askAnswer(dataset, text, { incident });
    return privately(answer.briefing, answer.actions);
  },
});
