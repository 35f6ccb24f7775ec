/**
 * The generated reports: mostly news reports, with wire copies of three agencies, republished
 * copies (some of a report in the dataset), a military press office's statements, a compilation
 * and social-media posts; some have no headline, some store an excerpt of the report only.
 */
import { nth, type Random } from './random.js';
import type { ClaimOut, PlaceOut, SourceOut } from './records.js';
import { isoDate, slugify } from './text.js';
import { AGENCIES, AGGREGATORS, MEDIA_WINGS, OUTLETS } from './vocabulary.js';

/** One report being written: its metadata, its claims and the sentences of its text. */
export interface SourceDraft {
  index: number;
  slug: string;
  /** Everything but the claims, the text file and the incident, which come last. */
  meta: Omit<SourceOut, 'claims' | 'text_file' | 'incident'>;
  incident: string | undefined;
  claims: ClaimOut[];
  paragraphs: string[];
  /** The sentences of the paragraph being written (one paragraph per incident). */
  current: string[];
}

export function draftSources(r: Random, count: number, provinces: readonly PlaceOut[]): SourceDraft[] {
  const sources: SourceDraft[] = [];
  for (let i = 0; i < count; i++) {
    const slug = `s${String(i).padStart(3, '0')}`;
    const kind = kindOf(i);
    const outlet = outletOf(r, i, kind);
    const id = `${slug}-${slugify(outlet ?? 'unknown-outlet')}`;
    const hasHeadline = kind !== 'social_media_post' && i % 7 !== 5;
    const original = kind === 'republished_copy' ? sources[i - 5] : undefined;
    const meta: SourceDraft['meta'] = {
      id,
      ...(kind === 'news_report' ? {} : { kind }),
      outlet,
      // Outlets repeat across the generated reports: each gets a label of its own, as a curator would.
      label: `${outlet ?? 'Unnamed report'} no. ${i + 1}`,
      ...(hasHeadline ? { headline: headlineOf(i, kind) } : {}),
      ...(kind === 'wire_copy' ? { agency: nth(AGENCIES, i) } : {}),
      ...(kind === 'republished_copy'
        ? {
            copy_of:
              original && i % 40 === 9
                ? { outlet: original.meta.outlet, source: original.meta.id }
                : { outlet: nth(OUTLETS, i + 3) },
          }
        : {}),
      url: r.chance(0.15) ? null : `https://news${i}.example.org/roundup/${i + 1}`,
      ...(kind === 'republished_copy' ? { url_note: 'the republished copy' } : {}),
      published: isoDate(4018 + (i % 12)),
      dateline: kind === 'social_media_post' ? null : r.pick(provinces).name,
      ...(i % 9 === 2 ? { excerpt: true } : {}),
    };
    sources.push({ index: i, slug, meta, incident: undefined, claims: [], paragraphs: [], current: [] });
  }
  return sources;
}

function kindOf(i: number): NonNullable<SourceOut['kind']> {
  if (i % 10 === 4) return 'wire_copy';
  if (i % 20 === 9) return 'republished_copy';
  if (i % 25 === 17) return 'official_statement';
  if (i % 33 === 21) return 'social_media_post';
  if (i % 50 === 38) return 'compilation';
  return 'news_report';
}

function outletOf(r: Random, i: number, kind: NonNullable<SourceOut['kind']>): string | null {
  switch (kind) {
    case 'republished_copy':
      return nth(AGGREGATORS, i);
    case 'official_statement': {
      const wing = nth(Object.values(MEDIA_WINGS), i);
      return `${wing.short} press office`;
    }
    case 'social_media_post':
      return `@frontier_watch_${i} on X`;
    case 'compilation':
      return 'Regional Conflict Monitor';
    default:
      return r.chance(0.1) ? null : nth(OUTLETS, i);
  }
}

function headlineOf(i: number, kind: NonNullable<SourceOut['kind']>): string {
  switch (kind) {
    case 'official_statement':
      return `Press releases, no. ${i + 1}`;
    case 'compilation':
      return 'Attacks in the region: a chronology';
    default:
      return `Security round-up no. ${i + 1}: attacks across the region`;
  }
}
