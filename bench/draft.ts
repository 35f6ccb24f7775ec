/**
 * The drafter measured on real prose: each report's text drafted from the dataset's words, against
 * its curated YAML as the truth. A figure counts when measure, value (or words) and qualifier match
 * and the quotes overlap; a speaker when a drafted claim whose quote overlaps a curated claim names
 * the same speaker (a relayed statement's speaker for a claim that names only its origin).
 *
 * Figures: recall is the curated figure claims some drafted figure matches; precision, the drafted
 * figures that match a curated one. Speakers: recall is the curated claims some overlapping drafted
 * claim gives the right speaker; precision, of the drafted claims that overlap a curated claim, those
 * whose speaker is one of theirs.
 */
import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import type { Dataset } from '../src/dataset/dataset.js';
import { loadDataset } from '../src/dataset/load.js';
import { normaliseForQuoteCheck } from '../src/dataset/quotes.js';
import { Claim, Source } from '../src/dataset/schema.js';
import { draftReport } from '../src/draft/draft.js';
import { table } from './report-page.js';

export interface Score {
  found: number;
  of: number;
}

export interface DraftScores {
  reports: number;
  curatedClaims: number;
  figures: { recall: Score; precision: Score };
  speakers: { recall: Score; precision: Score };
}

export interface DraftBenchResult {
  seeds: DraftScores;
  fixtures: DraftScores;
}

const STORY = path.join('test', 'fixtures', 'developing-story');

/**
 * Scores of the seed texts in data/sources, drafted from data/'s words, and of the developing
 * story's texts, drafted from data/'s words with the story's own context added, as a curator would
 * have declared it before adding those reports.
 */
export async function measureDrafts(
  dataDir = 'data',
  storyDir = STORY,
  /** The report files of data/sources to score (all of them when not given). */
  reports?: readonly string[],
): Promise<DraftBenchResult> {
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'draft-bench-'));
  try {
    await cp(dataDir, scratch, { recursive: true });
    await cp(path.join(storyDir, 'context'), path.join(scratch, 'context'), { recursive: true });
    return {
      seeds: await scoreFolder(path.join(dataDir, 'sources'), await loadDataset(dataDir), reports),
      fixtures: await scoreFolder(path.join(storyDir, 'sources'), await loadDataset(scratch)),
    };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

async function scoreFolder(dir: string, dataset: Dataset, only?: readonly string[]): Promise<DraftScores> {
  const total: DraftScores = {
    reports: 0,
    curatedClaims: 0,
    figures: { recall: { found: 0, of: 0 }, precision: { found: 0, of: 0 } },
    speakers: { recall: { found: 0, of: 0 }, precision: { found: 0, of: 0 } },
  };
  for (const name of (await readdir(dir))
    .filter((f) => /\.ya?ml$/.test(f) && !f.includes('.draft.') && (!only || only.includes(f)))
    .sort()) {
    const source = Source.parse(parse(await readFile(path.join(dir, name), 'utf8')));
    const text = await readFile(path.join(dir, source.text_file), 'utf8');
    const scores = scoreReport(text, source.claims, dataset, source.text_file);
    total.reports++;
    total.curatedClaims += source.claims.length;
    for (const kind of ['figures', 'speakers'] as const)
      for (const part of ['recall', 'precision'] as const) {
        total[kind][part].found += scores[kind][part].found;
        total[kind][part].of += scores[kind][part].of;
      }
  }
  return total;
}

interface Located {
  claim: Claim;
  speaker: string;
  span: [number, number];
}

export function scoreReport(
  text: string,
  curated: readonly Claim[],
  dataset: Dataset,
  textFile: string,
): Pick<DraftScores, 'figures' | 'speakers'> {
  const haystack = normaliseForQuoteCheck(text);
  const locate = (claim: Claim): Located => {
    const quote = normaliseForQuoteCheck(claim.quote);
    const start = haystack.indexOf(quote);
    const speaker = claim.speaker?.id ?? dataset.statementById.get(claim.origin ?? '')?.speaker ?? 'report';
    return { claim, speaker, span: [start, start < 0 ? -1 : start + quote.length] };
  };
  const truth = curated.map(locate);
  const drafted = draftReport(text, dataset, { textFile }).claims.map(({ claim }) =>
    locate(Claim.parse(claim)),
  );
  const overlap = (a: Located, b: Located) =>
    a.span[0] >= 0 && b.span[0] >= 0 && a.span[0] < b.span[1] && b.span[0] < a.span[1];
  const sameFigure = (a: Located, b: Located) =>
    a.claim.measure === b.claim.measure &&
    a.claim.figure?.value === b.claim.figure?.value &&
    a.claim.figure?.words === b.claim.figure?.words &&
    a.claim.figure?.qualifier === b.claim.figure?.qualifier &&
    overlap(a, b);
  const truthFigures = truth.filter((t) => t.claim.figure);
  const draftFigures = drafted.filter((d) => d.claim.figure);
  const judged = drafted.filter((d) => truth.some((t) => overlap(t, d)));
  return {
    figures: {
      recall: {
        found: truthFigures.filter((t) => draftFigures.some((d) => sameFigure(t, d))).length,
        of: truthFigures.length,
      },
      precision: {
        found: draftFigures.filter((d) => truthFigures.some((t) => sameFigure(t, d))).length,
        of: draftFigures.length,
      },
    },
    speakers: {
      recall: {
        found: truth.filter((t) => drafted.some((d) => overlap(t, d) && d.speaker === t.speaker)).length,
        of: truth.length,
      },
      precision: {
        found: judged.filter((d) => truth.some((t) => overlap(t, d) && d.speaker === t.speaker)).length,
        of: judged.length,
      },
    },
  };
}

export function ratio({ found, of }: Score): number {
  return of === 0 ? 1 : found / of;
}

/** The section as a table, one row per set of texts. */
export function printDrafts(result: DraftBenchResult): string {
  const cell = (s: Score) => `${(100 * ratio(s)).toFixed(0)}% (${s.found}/${s.of})`;
  const row = (name: string, s: DraftScores) => [
    name,
    String(s.reports),
    String(s.curatedClaims),
    cell(s.figures.recall),
    cell(s.figures.precision),
    cell(s.speakers.recall),
    cell(s.speakers.precision),
  ];
  return table(
    '9. Drafts (`npm run draft`) scored against the curated claims; targets on the seed texts: recall >= 80%, precision >= 70%',
    [
      'texts',
      'reports',
      'curated claims',
      'figures recall',
      'figures precision',
      'speakers recall',
      'speakers precision',
    ],
    [row('reports in data/sources', result.seeds), row('developing-story fixtures', result.fixtures)],
  );
}

if (import.meta.url === `file://${process.argv[1]}`)
  process.stdout.write(`${printDrafts(await measureDrafts())}\n`);
