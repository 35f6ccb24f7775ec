/**
 * Labels: the short name a reply gives a report ("Dawn", "MENAFN (copy of Pajhwok Afghan News)"),
 * one a reader can repeat in a discussion. A label is worked out from the report's own metadata
 * alone, never from the other reports, so adding a report never changes the label of another;
 * two reports that would share one are refused by the loader, which suggests an explicit `label:`.
 */
import type { Dataset } from './dataset.js';
import type { ParsedFile } from './files.js';
import { oncePerDataset } from './memo.js';
import { nameKey } from './names.js';
import type { Problem } from './problems.js';
import type { Source } from './schema.js';

type Labelled = Pick<Source, 'label' | 'outlet' | 'kind' | 'agency' | 'copy_of' | 'url' | 'headline' | 'id'>;

/** How long a label drawn from a headline may run: a label is a name, not a sentence. */
const HEADLINE_LABEL_MAX = 32;

/**
 * The curator's `label:`, else the outlet (a republished copy naming its original), else the
 * agency of a wire copy, else the site the text was found at (where a reader can find it again;
 * no outlet is guessed), else the headline's first words, else the report's id.
 */
export function sourceLabel(source: Labelled): string {
  if (source.label !== undefined) return source.label;
  const name = source.outlet ?? source.agency ?? siteOf(source.url) ?? headlineWords(source.headline);
  if (name === undefined) return source.id;
  if (source.kind !== 'republished_copy') return name;
  const original = source.copy_of?.outlet;
  return original ? `${name} (copy of ${original})` : `${name} (a copy)`;
}

function siteOf(url: string | null): string | undefined {
  if (url === null) return undefined;
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return undefined;
  }
}

function headlineWords(headline: string | undefined): string | undefined {
  if (headline === undefined || headline.length <= HEADLINE_LABEL_MAX) return headline;
  const cut = headline.slice(0, HEADLINE_LABEL_MAX);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 1))}…`;
}

/**
 * Each report whose label another report has already (compared as names are: case, accents and
 * punctuation folded), at its `label:` or, when the label is worked out, at the field it comes from.
 */
export function checkLabels(sources: readonly ParsedFile<unknown>[]): Problem[] {
  const problems: Problem[] = [];
  const first = new Map<string, ParsedFile<unknown>>();
  for (const file of sources) {
    const source = file.value as Source | undefined;
    if (source === undefined) continue;
    const label = sourceLabel(source);
    const key = nameKey(label);
    const earlier = first.get(key);
    if (earlier === undefined) {
      first.set(key, file);
      continue;
    }
    const field = source.label !== undefined ? 'label' : source.outlet !== null ? 'outlet' : 'id';
    const line = earlier.locate(['label']) ?? earlier.locate(['outlet']) ?? earlier.locate(['id']);
    const at = line === null ? earlier.file : `${earlier.file}:${line}`;
    problems.push({
      file: file.file,
      line: file.locate([field]),
      field,
      message: `expected a label no other report has, but "${label}" is the label of ${at} too: give one of them its own, e.g. label: "${suggestedLabel(label, source)}"`,
    });
  }
  return problems;
}

/** "Dawn 2023-12-13": the label with what tells the report apart, its date or else its id. */
function suggestedLabel(label: string, source: Source): string {
  return `${label} ${source.published ?? source.id}`;
}

const labels = oncePerDataset((dataset) => new Map(dataset.sources.map((s) => [s.id, sourceLabel(s)])));

/** "Dawn": the label a reply names a report by, as the data gives or derives it; the id if unknown. */
export function labelOf(dataset: Dataset, sourceId: string): string {
  return labels(dataset).get(sourceId) ?? sourceId;
}

/** How many labels a list shows before "+N": the rest are one click away (All sources, the quotes). */
export const LABELS_SHOWN = 2;

/** "Dawn and ARY News"; "Dawn, ARY News +4": labels as a sentence lists them, a long list cut short. */
export function labelList(labels: readonly string[]): string {
  if (labels.length > LABELS_SHOWN + 1)
    return `${labels.slice(0, LABELS_SHOWN).join(', ')} +${labels.length - LABELS_SHOWN}`;
  return labels.length > 1
    ? `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1]}`
    : (labels[0] ?? '');
}
