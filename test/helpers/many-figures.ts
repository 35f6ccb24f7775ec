/**
 * A report of many figures of one measure (the security forces killed), all different: exact, at
 * least, more than, about, nearly and up to in turn, so that most pairs conflict and some do not.
 * What a hostile curator, or a runaway import, gives the comparison.
 */

import { writeFile } from 'node:fs/promises';
import path from 'node:path';

const QUALIFIERS = ['exact', 'at_least', 'more_than', 'about', 'nearly', 'up_to'] as const;

/** The figure of the i-th claim, as the report's YAML writes it. */
export function manyFigure(i: number): { value: number; qualifier: (typeof QUALIFIERS)[number] } {
  return { value: i + 10, qualifier: QUALIFIERS[i % QUALIFIERS.length] ?? 'exact' };
}

/** The report's text: one sentence per figure, each quoted by its claim. */
function sentence(i: number): string {
  return `Count ${i} gave ${manyFigure(i).value} officers killed.`;
}

function claim(i: number): string {
  const { value, qualifier } = manyFigure(i);
  return [
    `  - id: many.killed.${i}`,
    '    topic: casualties',
    `    statement: "Count ${i} of the security forces killed."`,
    '    measure: killed.security_forces',
    `    figure: {value: ${value}, qualifier: ${qualifier}, counted: officers}`,
    '    speaker: report',
    '    status: reported',
    `    quote: '${sentence(i)}'`,
  ].join('\n');
}

/** Writes the report (`sources/many.yaml` and its text) into the dataset folder `dir`. */
export async function writeManyFigures(dir: string, figures: number): Promise<void> {
  const indices = Array.from({ length: figures }, (_, i) => i);
  await writeFile(path.join(dir, 'sources', 'many.txt'), `${indices.map(sentence).join('\n')}\n`);
  const header = [
    'id: many-figures',
    'outlet: Many Figures Weekly',
    'headline: A report of many counts',
    'url: https://example.com/many',
    "published: '2023-12-14'",
    'dateline: null',
    'text_file: many.txt',
    'incident: daraban-2023-12-12',
    'claims:',
  ];
  await writeFile(
    path.join(dir, 'sources', 'many.yaml'),
    `${[...header, ...indices.map(claim)].join('\n')}\n`,
  );
}
