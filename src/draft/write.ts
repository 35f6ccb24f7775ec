/**
 * A draft as YAML: the report's fields, then its claims, each under the list of what the curator
 * should review in it, as `# review:` comments. `npm run validate` counts the comments left, so a
 * curator deletes each once checked, and renames the file when none is left.
 */
import { stringify } from 'yaml';
import { REVIEW_MARK } from '../dataset/unfinished.js';
import type { Draft } from './draft.js';

export function draftYaml(draft: Draft, textFile: string): string {
  const options = { lineWidth: 0 } as const;
  const lines = [
    `# A draft of ${textFile}, made by \`npm run draft\` from the dataset's own words. It is not loaded`,
    '# until renamed: review each `# review:` note, correct or delete the claim, delete the note,',
    `# then rename this file to ${textFile.replace(/\.txt$/, '.yaml')}.`,
    ...draft.review.map((note) => `${REVIEW_MARK} ${note}`),
    stringify(draft.source, options).trimEnd(),
    'claims:',
  ];
  for (const { claim, review } of draft.claims) {
    lines.push(...review.map((note) => `  ${REVIEW_MARK} ${note}`));
    const item = stringify([claim], options).trimEnd();
    lines.push(...item.split('\n').map((line) => `  ${line}`));
  }
  return `${lines.join('\n')}\n`;
}
