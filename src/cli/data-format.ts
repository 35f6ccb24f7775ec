/** `npm run data-format`: writes docs/data-format.md from the schema (see src/dataset/format-doc.ts). */
import { writeFileSync } from 'node:fs';
import { dataFormatMarkdown } from '../dataset/format-doc.js';

const PAGE = 'docs/data-format.md';
writeFileSync(PAGE, dataFormatMarkdown());
console.log(`${PAGE} written from the schema.`);
