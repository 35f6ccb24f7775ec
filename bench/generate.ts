/**
 * A large, deterministic dataset for the benchmark: the same seed and sizes always write the same
 * files, byte for byte. It goes through the production loader (`loadDataset`) like `data/` does:
 * every claim's quote is a verbatim excerpt of its source's text, checked as in production (the
 * texts use curly quotes and hard line breaks, the quotes straight quotes and single spaces, so the
 * normalisation runs too).
 *
 *   tsx bench/generate.ts --claims 100000 --out /tmp/big [--seed 1] [--format json|yaml]
 *
 * Shape (defaults): 1,000 incidents, 100 sources, N claims spread evenly over the incidents, each
 * incident reported by 2 to 6 sources. The model is the curators' (see generate/incident.ts for
 * the claims of an incident):
 * - context: 40 groups (32 of them factions of the other 8), about 150 people, 317 places, 2,000
 *   dated events and a separate operation the same day for a fifth of the incidents, 10 measures
 *   (with parts and synonyms), 42 declared speakers (military media wings, ministries, police,
 *   rescue services, unnamed officials, analysts, residents), 46 declared points with labelled
 *   positions, and each incident's original statements (the military's press release, the
 *   perpetrators' claim), relayed by several reports;
 * - reports of every kind: news reports, wire copies of three agencies, republished copies, a
 *   press office's statements, a compilation, social-media posts; some without a headline, some
 *   stored as excerpts.
 *
 * JSON is written by default: the loader accepts it (same schema, same checks) and parses it far
 * faster than YAML; `--format yaml` writes the same data as YAML.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { buildContext } from './generate/context.js';
import { IncidentWriter } from './generate/incident.js';
import { Random } from './generate/random.js';
import type { IncidentOut, SourceOut, StatementOut } from './generate/records.js';
import { draftSources, type SourceDraft } from './generate/sources.js';
import { isoDate, wrap } from './generate/text.js';

export interface GenerateOptions {
  /** Directory to write into (created; emptied first). */
  dir: string;
  claims: number;
  incidents?: number;
  sources?: number;
  seed?: number;
  format?: 'json' | 'yaml';
}

export interface GenerateResult {
  dir: string;
  format: 'json' | 'yaml';
  incidents: number;
  sources: number;
  claims: number;
  groups: number;
  people: number;
  places: number;
  events: number;
  speakers: number;
  statements: number;
  points: number;
  /** Bytes written: data files and texts. */
  dataBytes: number;
  textBytes: number;
  /** Ids a benchmark can ask about. */
  sample: { incident: string; group: string; groupName: string; person: string; event: string };
}

export async function generateDataset(options: GenerateOptions): Promise<GenerateResult> {
  const incidentCount = options.incidents ?? 1000;
  const format = options.format ?? 'json';
  const r = new Random(options.seed ?? 1);
  const ctx = buildContext(r);
  const sources = draftSources(r, options.sources ?? 100, ctx.provinces);
  const writer = new IncidentWriter(r, ctx, sources);

  const incidents: IncidentOut[] = [];
  const statements: StatementOut[] = [];
  const events = [...ctx.events];
  const perIncident = Math.floor(options.claims / incidentCount);
  let extra = options.claims - perIncident * incidentCount;
  const days = r.sample(
    Array.from({ length: 4000 }, (_, d) => d),
    incidentCount,
  );
  for (let n = 0; n < incidentCount; n++) {
    const count = perIncident + (extra > 0 ? 1 : 0);
    if (extra > 0) extra--;
    const made = writer.write(n, isoDate(days[n] ?? n), count);
    incidents.push(made.incident);
    statements.push(...made.statements);
    events.push(...made.events);
  }

  // ---- Write ---------------------------------------------------------------------------------------
  const dir = options.dir;
  await rm(dir, { recursive: true, force: true });
  await Promise.all(
    ['sources', 'incidents', 'context'].map((f) => mkdir(path.join(dir, f), { recursive: true })),
  );
  const ext = format === 'json' ? 'json' : 'yaml';
  const serialise = (value: unknown) =>
    format === 'json' ? JSON.stringify(value, null, 1) : stringify(value, { lineWidth: 0 });
  let dataBytes = 0;
  let textBytes = 0;
  const write = async (file: string, text: string, kind: 'data' | 'text') => {
    if (kind === 'data') dataBytes += Buffer.byteLength(text);
    else textBytes += Buffer.byteLength(text);
    await writeFile(path.join(dir, file), text, 'utf8');
  };

  const written = sources.filter((s) => s.claims.length > 0);
  const writtenIds = new Set(written.map((s) => s.meta.id));
  let claimCount = 0;
  for (const s of written) {
    claimCount += s.claims.length;
    const name = `${String(s.index).padStart(3, '0')}_${s.meta.id}`;
    const firstLine = `${s.meta.published}${s.meta.dateline ? ` ${s.meta.dateline}` : ''}:`;
    const text = [firstLine, ...s.paragraphs.map((p) => wrap(p))].join('\n\n');
    await write(`sources/${name}.txt`, `${text}\n`, 'text');
    await write(`sources/${name}.${ext}`, serialise(sourceFile(s, `${name}.txt`, writtenIds)), 'data');
  }
  for (const incident of incidents)
    await write(`incidents/${incident.id}.${ext}`, serialise(incident), 'data');
  const { groups, people, places, measures, speakers, points } = ctx;
  await write(
    `context/groups.${ext}`,
    serialise({ groups: groups.map(({ parent: _parent, ...g }) => g) }),
    'data',
  );
  await write(`context/people.${ext}`, serialise({ people }), 'data');
  await write(`context/places.${ext}`, serialise({ places }), 'data');
  await write(`context/events.${ext}`, serialise({ events }), 'data');
  await write(`context/measures.${ext}`, serialise({ measures }), 'data');
  await write(`context/speakers.${ext}`, serialise({ speakers, statements }), 'data');
  await write(`context/points.${ext}`, serialise({ points }), 'data');

  const latest = incidents.reduce((a, b) => (b.date > a.date ? b : a));
  const sampleGroup = groups.find((g) => g.id === latest.responsible_group) ?? groups[0];
  if (!sampleGroup) throw new Error('generator: no group');
  return {
    dir,
    format,
    incidents: incidents.length,
    sources: written.length,
    claims: claimCount,
    groups: groups.length,
    people: people.length,
    places: places.length,
    events: events.length,
    speakers: speakers.length,
    statements: statements.length,
    points: points.length,
    dataBytes,
    textBytes,
    sample: {
      incident: latest.id,
      group: sampleGroup.id,
      groupName: sampleGroup.name,
      person: (ctx.spokesmen.get(sampleGroup.id) ?? people[0])?.name ?? '',
      event: events[0]?.id ?? '',
    },
  };
}

/** A report's data file: its metadata, then its text file, its incident and its claims. */
function sourceFile(s: SourceDraft, textFile: string, written: ReadonlySet<string>): SourceOut {
  const { copy_of, ...meta } = s.meta;
  // A copy names its original's id only when the original is written (it has claims).
  const copyOf =
    copy_of?.source !== undefined && !written.has(copy_of.source) ? { outlet: copy_of.outlet } : copy_of;
  return {
    ...meta,
    ...(copyOf ? { copy_of: copyOf } : {}),
    text_file: textFile,
    incident: s.incident ?? '',
    claims: s.claims,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      claims: { type: 'string', default: '100000' },
      incidents: { type: 'string', default: '1000' },
      sources: { type: 'string', default: '100' },
      seed: { type: 'string', default: '1' },
      format: { type: 'string', default: 'json' },
      out: { type: 'string' },
    },
  });
  if (!values.out) {
    process.stderr.write(
      'usage: tsx bench/generate.ts --out DIR [--claims N] [--seed S] [--format json|yaml]\n',
    );
    process.exit(2);
  }
  const started = performance.now();
  const result = await generateDataset({
    dir: values.out,
    claims: Number(values.claims),
    incidents: Number(values.incidents),
    sources: Number(values.sources),
    seed: Number(values.seed),
    format: values.format === 'yaml' ? 'yaml' : 'json',
  });
  process.stdout.write(
    `${JSON.stringify({ ...result, ms: Math.round(performance.now() - started) }, null, 2)}\n`,
  );
}
