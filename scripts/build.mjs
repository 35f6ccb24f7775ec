/**
 * `npm run build`, and the install's `prepare`: the bot and its scripts compiled to JavaScript in
 * dist/, every dependency bundled in, with source maps, so that running it needs Node alone (no
 * dev dependency, not even node_modules). esbuild rather than tsc: the bundle starts in about half
 * the time of tsc's output (one file read and parsed instead of hundreds, and only the parts of
 * each library the bot uses); tsc still checks the types in `npm test`.
 *
 *   node scripts/build.mjs [--outdir DIR]
 *
 * Plain JavaScript, run by Node itself, so that an install without dev dependencies
 * (`npm ci --omit=dev`) can say why it builds nothing instead of failing on a missing tool.
 */
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { outdir: { type: 'string', default: 'dist' } } });
const outdir = path.resolve(values.outdir);

/** Each program a script of package.json runs, the reload's worker and the drawing process, by the name of its file in dist/. */
const ENTRY_POINTS = {
  main: 'src/main.ts',
  validate: 'src/cli/validate.ts',
  draft: 'src/cli/draft.ts',
  digest: 'src/cli/digest.ts',
  'deploy-commands': 'src/cli/deploy-commands.ts',
  migrate: 'src/cli/migrate.ts',
  // The worker thread that loads a changed dataset (src/reload/worker-load.ts starts it by this name).
  'load-worker': 'src/reload/load-worker.ts',
  // The process that draws the pictures ahead (src/reload/draw-ahead.ts starts it by this name).
  'draw-child': 'src/reload/draw-child.ts',
};

/** The digits of a source map's mappings. */
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Files src/chart/draw.ts reads, by package path (it looks for them in dist/assets/ when bundled). */
const CHART_ASSETS = [
  '@resvg/resvg-wasm/index_bg.wasm',
  'dejavu-fonts-ttf/ttf/DejaVuSans.ttf',
  'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf',
];

let esbuild;
try {
  esbuild = await import('esbuild');
} catch {
  const kept = existsSync(path.join(outdir, 'main.js')) ? ' The build already in dist/ is kept.' : '';
  process.stdout.write(
    `Not built: the compiler (esbuild) is a dev dependency, left out of this install.${kept}\n` +
      'To build, install with dev dependencies and then remove them: npm ci && npm prune --omit=dev\n',
  );
  process.exit(0);
}

await rm(outdir, { recursive: true, force: true });
await esbuild.build({
  entryPoints: ENTRY_POINTS,
  outdir,
  bundle: true,
  platform: 'node',
  format: 'esm',
  // The oldest Node the suite runs on.
  target: 'node20',
  // Code the console never needs (discord.js, the client) stays in chunks loaded on demand.
  splitting: true,
  // Smaller files parse faster; names are kept, so a stack trace reads even without its map.
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: true,
  // Maps that point at the sources rather than carry them: some 25 MB less resident at start.
  sourcesContent: false,
  // Some libraries `require` optional parts (zlib-sync, bufferutil) inside try/catch: in an ES
  // module bundle, `require` has to be made.
  banner: {
    js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
// The maps lead back to the project's TypeScript only, not into the libraries (ownCodeOnly).
for (const file of (await readdir(outdir)).filter((name) => name.endsWith('.js.map'))) {
  const map = JSON.parse(await readFile(path.join(outdir, file), 'utf8'));
  await writeFile(path.join(outdir, file), JSON.stringify(ownCodeOnly(map)));
}
// What the charts read at run time, beside the bundle: resvg's WebAssembly and the fonts.
await mkdir(path.join(outdir, 'assets'), { recursive: true });
for (const asset of CHART_ASSETS) {
  await copyFile(
    createRequire(import.meta.url).resolve(asset),
    path.join(outdir, 'assets', path.basename(asset)),
  );
}
process.stdout.write(
  `Built ${Object.keys(ENTRY_POINTS).join(', ')} in ${path.relative('.', outdir) || '.'}/\n`,
);

/**
 * A source map that leads the project's own code back to its TypeScript and leaves the libraries'
 * code unmapped (a frame in it keeps the bundle's file and position). Node reads every map of a
 * loaded file at start, and decodes a file's whole map the first time a stack passes through it (an
 * idle socket closed by undici is enough): the libraries' mappings, nine tenths of them, held some
 * ten megabytes for good, for frames that would point into node_modules.
 */
function ownCodeOnly(map) {
  const own = (source) => !source.split('/').includes('node_modules');
  const sources = [];
  const sourceIndex = map.sources.map((source) => (own(source) ? sources.push(source) - 1 : -1));
  const names = [];
  const nameIndex = new Map();
  // Each field of a segment but the first is relative to its value in the segment before, across
  // lines: the values read (`read`) and those written (`written`) are followed apart.
  const read = { source: 0, line: 0, column: 0, name: 0 };
  const written = { source: 0, line: 0, column: 0, name: 0 };
  const mappings = map.mappings.split(';').map((segments) => {
    const out = [];
    let [column, columnWritten, mapped] = [0, 0, false];
    for (const segment of segments ? segments.split(',') : []) {
      const fields = vlqDecoded(segment);
      column += fields[0];
      if (fields.length >= 4) {
        read.source += fields[1];
        read.line += fields[2];
        read.column += fields[3];
      }
      if (fields.length === 5) read.name += fields[4];
      const source = fields.length >= 4 ? sourceIndex[read.source] : -1;
      if (source >= 0) {
        const kept = [
          column - columnWritten,
          source - written.source,
          read.line - written.line,
          read.column - written.column,
        ];
        Object.assign(written, { source, line: read.line, column: read.column });
        if (fields.length === 5) {
          if (!nameIndex.has(read.name)) nameIndex.set(read.name, names.push(map.names[read.name]) - 1);
          const name = nameIndex.get(read.name);
          kept.push(name - written.name);
          written.name = name;
        }
        out.push(vlqEncoded(kept));
      } else if (mapped) {
        // Where the libraries' code starts: unmapped until the project's code again.
        out.push(vlqEncoded([column - columnWritten]));
      } else continue;
      columnWritten = column;
      mapped = source >= 0;
    }
    return out.join(',');
  });
  return { ...map, sources, names, mappings: mappings.join(';') };
}

/** A source map segment's fields: base-64 digits of five bits, a continuation bit, the sign last. */
function vlqDecoded(segment) {
  const fields = [];
  let [value, shift] = [0, 0];
  for (const character of segment) {
    const digit = BASE64.indexOf(character);
    value += (digit & 31) * 2 ** shift;
    if (digit & 32) shift += 5;
    else {
      fields.push(value % 2 ? -(value - 1) / 2 : value / 2);
      [value, shift] = [0, 0];
    }
  }
  return fields;
}

function vlqEncoded(fields) {
  let text = '';
  for (const field of fields) {
    let value = field < 0 ? -field * 2 + 1 : field * 2;
    do {
      const digit = value % 32;
      value = Math.floor(value / 32);
      text += BASE64[value > 0 ? digit + 32 : digit];
    } while (value > 0);
  }
  return text;
}
