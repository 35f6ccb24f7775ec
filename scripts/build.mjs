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
import { copyFile, mkdir, rm } from 'node:fs/promises';
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
