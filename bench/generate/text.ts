/** How the generated reports are written: ids from names, dates, and the typography of a pasted report. */

export function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** Day `day` counted from 1 January 2014, as YYYY-MM-DD. */
export function isoDate(day: number): string {
  return new Date(Date.UTC(2014, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
}

/** The text's typography: curly quotes in the report, where a curator types straight ones. */
export function typeset(sentence: string): string {
  return sentence.replace(/'/g, '\u2019').replace(/"([^"]*)"/g, '\u201C$1\u201D');
}

/** Hard line breaks at about 78 columns, as in a pasted wire report. */
export function wrap(paragraph: string, width = 78): string {
  const lines: string[] = [];
  let line = '';
  for (const word of paragraph.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.join('\n');
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
