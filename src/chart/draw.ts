/**
 * A chart drawn: the Vega-Lite specification compiled to Vega, rendered to SVG with no browser and
 * no canvas, and the SVG to PNG by resvg (WebAssembly: no native module, the same on every Node
 * line and machine) with the fonts the project ships, so the image is the same everywhere.
 * Images are kept by the chart's key (dataset version and measures): drawn once, sent many times.
 */
import { readFile } from 'node:fs/promises';
// The module object rather than its createRequire: the bundle's banner declares that name.
import nodeModule from 'node:module';
import path from 'node:path';
import type { FiguresChart } from './figures.js';
import { CHART_STYLE, figurePictures, type Picture, pictureSpec } from './spec.js';

export interface Png {
  data: Uint8Array;
  width: number;
  height: number;
}

/** A picture sent with a message: its file name, its bytes and, for who cannot see it, its text. */
export interface ChartFile {
  name: string;
  png: Png;
  description: string;
}

/** Pictures by chart key; a new dataset version makes new keys, and the oldest go. */
const drawn = new Map<string, Promise<ChartFile[]>>();
const finished = new Set<string>();
const KEPT = 32;

/** The figures chart's pictures: drawn at most once per key. */
export function drawCharts(chart: FiguresChart): Promise<ChartFile[]> {
  return drawPictures(chart.key, figurePictures(chart));
}

/** Pictures being drawn in another process, by key, until they arrive or fail to. */
const elsewhere = new Map<string, Promise<ChartFile[]>>();

/**
 * Pictures drawn, or taken from those kept under `key`, or awaited from where they are being drawn
 * (drawn here after all if they do not come).
 */
export function drawPictures(key: string, pictures: readonly Picture[]): Promise<ChartFile[]> {
  return drawn.get(key) ?? keep(key, elsewhere.get(key)?.catch(() => drawAll(pictures)) ?? drawAll(pictures));
}

/**
 * Pictures under `key` being drawn in another process (drawing ahead): kept when they come, so that
 * the first ask is a cache hit, and awaited by an ask meanwhile rather than drawn twice. If they do
 * not come, nothing is kept and the first ask draws them.
 */
export function drawingElsewhere(key: string, coming: Promise<ChartFile[]>): void {
  if (drawn.has(key)) return;
  elsewhere.set(key, coming);
  coming
    .then(
      (files) => {
        if (!drawn.has(key)) keep(key, Promise.resolve(files));
      },
      () => undefined,
    )
    .finally(() => {
      if (elsewhere.get(key) === coming) elsewhere.delete(key);
    });
}

function keep(key: string, files: Promise<ChartFile[]>): Promise<ChartFile[]> {
  files.then(
    () => finished.add(key),
    () => drawn.delete(key),
  );
  drawn.set(key, files);
  for (const old of [...drawn.keys()].slice(0, Math.max(0, drawn.size - KEPT))) {
    drawn.delete(old);
    finished.delete(old);
  }
  return files;
}

/** Whether the chart's pictures are ready to send: drawn, not only being drawn. */
export function isDrawn(chart: FiguresChart): boolean {
  return finished.has(chart.key);
}

async function drawAll(pictures: readonly Picture[]): Promise<ChartFile[]> {
  const files: ChartFile[] = [];
  const glyphs = await drawableText();
  for (const picture of pictures)
    files.push({
      name: picture.name,
      png: await renderPng(pictureSpec(picture, glyphs)),
      description: picture.alt,
    });
  return files;
}

async function renderPng(spec: Record<string, unknown>): Promise<Png> {
  const svg = await renderSvg(spec);
  const { Resvg } = await resvgReady();
  const fonts = await fontBuffers();
  const resvg = new Resvg(svg, {
    font: { fontBuffers: fonts, defaultFontFamily: CHART_STYLE.font, sansSerifFamily: CHART_STYLE.font },
    background: CHART_STYLE.background,
    fitTo: { mode: 'zoom', value: CHART_STYLE.scale },
  });
  const image = resvg.render();
  const png = { data: image.asPng(), width: image.width, height: image.height };
  image.free();
  resvg.free();
  return png;
}

async function renderSvg(spec: Record<string, unknown>): Promise<string> {
  const { vega, vegaLite } = await vegaReady();
  // Vega-Lite's notes on specifications it adjusts stay quiet: the specification is ours, and tested.
  const compiled = vegaLite.compile(spec as never, { logger: vega.logger(vega.None) }).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

let vegaLoaded: Promise<{ vega: typeof import('vega'); vegaLite: typeof import('vega-lite') }> | undefined;

/** Vega and Vega-Lite, loaded once, with the shipped font's letter widths given to Vega. */
function vegaReady(): NonNullable<typeof vegaLoaded> {
  vegaLoaded ??= (async () => {
    const [vega, vegaLite, measure] = await Promise.all([import('vega'), import('vega-lite'), textWidths()]);
    // Without a canvas, Vega guesses text widths (0.8 em a letter); the font's own widths make
    // labels fit and truncate where resvg will draw them. Vega reads them from this shared object.
    (vega as unknown as { textMetrics: { width: typeof measure } }).textMetrics.width = measure;
    return { vega, vegaLite };
  })();
  return vegaLoaded;
}

let resvg: Promise<typeof import('@resvg/resvg-wasm')> | undefined;

function resvgReady(): Promise<typeof import('@resvg/resvg-wasm')> {
  resvg ??= (async () => {
    const module = await import('@resvg/resvg-wasm');
    await module.initWasm(await readFile(assetPath('@resvg/resvg-wasm/index_bg.wasm')));
    return module;
  })();
  return resvg;
}

/**
 * Text as the shipped fonts can draw it: each character the font lacks (an emoji, a script it does
 * not cover) becomes one �, rather than an empty box; joiners and variation selectors go with it.
 */
export async function drawableText(): Promise<(text: string) => string> {
  const [regular] = await parsedFonts();
  const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });
  const drawable = (c: string) => /[\u200d\ufe0e\ufe0f]/u.test(c) || (regular?.charToGlyphIndex(c) ?? 0) > 0;
  return (text) =>
    [...segmenter.segment(text)]
      .map(({ segment }) => ([...segment].every(drawable) ? segment : '\ufffd'))
      .join('');
}

type TextItem = { fontSize?: number; fontWeight?: string | number; limit?: number };

let widths: Promise<(item: TextItem, text: string) => number> | undefined;

function textWidths(): Promise<(item: TextItem, text: string) => number> {
  widths ??= (async () => {
    const [regular, bold] = await parsedFonts();
    return (item: TextItem, text: string) => {
      const font = item.fontWeight === 'bold' || Number(item.fontWeight) >= 600 ? bold : regular;
      return font?.getAdvanceWidth(String(text ?? ''), item.fontSize ?? 11) ?? 0;
    };
  })();
  return widths;
}

let parsed: Promise<import('opentype.js').Font[]> | undefined;

function parsedFonts(): NonNullable<typeof parsed> {
  parsed ??= (async () => {
    // A CommonJS module: its functions are its default export, under Node and in the bundle alike.
    const { default: opentype } = await import('opentype.js');
    return (await fontBuffers()).map((b) =>
      opentype.parse(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength)),
    );
  })();
  return parsed;
}

let fonts: Promise<Uint8Array[]> | undefined;

function fontBuffers(): Promise<Uint8Array[]> {
  fonts ??= Promise.all(
    ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map(async (file) =>
      readFile(assetPath(`dejavu-fonts-ttf/ttf/${file}`)),
    ),
  );
  return fonts;
}

/** A file a package ships, from node_modules or, in the build, copied beside the bundle. */
function assetPath(specifier: string): string {
  try {
    return nodeModule.createRequire(import.meta.url).resolve(specifier);
  } catch {
    return path.join(path.dirname(new URL(import.meta.url).pathname), 'assets', path.basename(specifier));
  }
}
