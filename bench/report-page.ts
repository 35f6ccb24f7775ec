/**
 * The benchmark's report as text tables, and the same report as docs/benchmark.md: a full run
 * rewrites that page, so the results the documentation quotes are the latest measured, with the
 * machine and the date they were measured on. The page is made from the printed report, so the
 * two never say different things.
 */
import { writeFile } from 'node:fs/promises';

export const PAGE = new URL('../docs/benchmark.md', import.meta.url);

/** The report's sections, by the number their titles start with. */
const SECTION_HEADINGS: Record<string, string> = {
  '1': 'Handlers',
  '2': 'Generated datasets',
  '3': 'End to end',
  '4': 'Digest schedules',
  '5': 'Start-up',
  '6': 'Reload',
  '7': 'Charts',
  '8': 'A measure of many figures',
  '9': 'Drafts',
};

const GAP = '  ';

/**
 * A text table: a title line, the header, a rule of dashes as wide as each column, the rows. The
 * first column is aligned left, the others right. The rule is what `benchmarkPage` reads the
 * columns from.
 */
export function table(title: string, header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join(GAP);
  return [`\n${title}`, line(header), widths.map((w) => '-'.repeat(w)).join(GAP), ...rows.map(line)].join(
    '\n',
  );
}

/**
 * The printed report as Markdown: its opening lines (the date, the machine, the run) as a list,
 * each numbered section under a heading, each table as a Markdown table under its title.
 */
export function benchmarkPage(printed: string): string {
  const [opening = '', ...blocks] = printed.replace(/^\n+|\n+$/g, '').split(/\n{2,}/);
  const out = [
    '# Benchmark results',
    '',
    'Written by `npm run bench` at the end of a full run; how it measures is in',
    '[testing](testing.md#the-benchmark).',
    '',
    ...opening.split('\n').map((line) => `- ${escapeMarkdown(line)}`),
  ];
  let section: string | undefined;
  for (const block of blocks) {
    const [title = '', ...lines] = block.split('\n');
    const numbered = /^(\d+)\. (.*)$/.exec(title);
    const heading = numbered ? SECTION_HEADINGS[numbered[1] ?? ''] : title === 'Targets' ? title : undefined;
    if (heading && heading !== section) {
      out.push('', `## ${heading}`);
      section = heading;
    }
    const text = numbered ? (numbered[2] ?? '') : title;
    out.push('');
    if (isTable(lines)) {
      if (text !== heading) out.push(`${escapeMarkdown(text)}:`, '');
      out.push(...markdownTable(lines));
    } else
      out.push([text, ...lines.map((line) => line.replace(/^\d+\. /, ''))].map(escapeMarkdown).join('  \n'));
  }
  return `${out.join('\n')}\n`;
}

/** A header over a rule of dashes: lines printed one after another without it are sentences. */
function isTable(lines: readonly string[]): boolean {
  return lines.length >= 2 && /^-+( +-+)*$/.test(lines[1] ?? '');
}

/** A text table's header, rule and rows as a Markdown table, the columns read from the rule. */
function markdownTable([header = '', rule = '', ...rows]: string[]): string[] {
  const widths = rule.split(GAP).map((dashes) => dashes.length);
  const starts = widths.map((_, i) => widths.slice(0, i).reduce((sum, w) => sum + w + GAP.length, 0));
  const cells = (line: string) =>
    `| ${widths.map((w, i) => escapeMarkdown(line.slice(starts[i], (starts[i] ?? 0) + w).trim())).join(' | ')} |`;
  const column = (i: number) =>
    rows.map((row) => row.slice(starts[i], (starts[i] ?? 0) + (widths[i] ?? 0)).trim());
  const alignment = `| ${widths.map((_, i) => (i > 0 && isNumeric(column(i)) ? '---:' : '---')).join(' | ')} |`;
  return [cells(header), alignment, ...rows.map(cells)];
}

/** Figures line up on the right; a column of words (a name, "met") reads from the left. */
function isNumeric(cells: readonly string[]): boolean {
  const filled = cells.filter((cell) => cell !== '');
  return filled.length > 0 && filled.every((cell) => /^[<>~-]?\s?\d/.test(cell));
}

/** Cron expressions and names with `*`, `_` or `|` read as they are, not as emphasis or a column. */
function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_|]/g, '\\$&');
}

export async function writeBenchmarkPage(printed: string): Promise<void> {
  await writeFile(PAGE, benchmarkPage(printed));
}
