/**
 * A chart drawn: each picture laid out (spec.ts), written as SVG (svg.ts), and the SVG drawn to PNG
 * by resvg (WebAssembly: no native module, the same on every Node line and machine) with the fonts
 * the project ships, so the image is the same everywhere. Images are kept by the chart's key
 * (dataset version and measures): drawn once, sent many times.
 */
import { readFile } from 'node:fs/promises';
// The module object rather than its createRequire: the bundle's banner declares that name.
import nodeModule from 'node:module';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import type { FiguresChart } from './figures.js';
import { type FontMetrics, fontMetrics } from './font.js';
import { pngOf } from './png.js';
import { CHART_STYLE, figurePictures, type Picture, pictureLayout, type TextFit } from './spec.js';
import { pictureSvg } from './svg.js';

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
  const [fit, { Resvg }, fonts] = await Promise.all([textFit(), resvgReady(), fontBuffers()]);
  return pictures.map((picture) => ({
    name: picture.name,
    png: renderPng(Resvg, pictureSvg(pictureLayout(picture, fit)), fonts),
    description: picture.alt,
  }));
}

function renderPng(Resvg: typeof import('@resvg/resvg-wasm').Resvg, svg: string, fonts: Uint8Array[]): Png {
  const resvg = new Resvg(svg, {
    font: { fontBuffers: fonts, defaultFontFamily: CHART_STYLE.font, sansSerifFamily: CHART_STYLE.font },
    background: CHART_STYLE.background,
    fitTo: { mode: 'zoom', value: CHART_STYLE.scale },
  });
  const image = resvg.render();
  const png = {
    data: pngOf(image.pixels, image.width, image.height),
    width: image.width,
    height: image.height,
  };
  image.free();
  resvg.free();
  return png;
}

let resvg: Promise<typeof import('@resvg/resvg-wasm')> | undefined;

/** resvg's WebAssembly, compiled once, when the first picture is drawn. */
function resvgReady(): Promise<typeof import('@resvg/resvg-wasm')> {
  resvg ??= (async () => {
    const [module, compiled] = await Promise.all([
      import('@resvg/resvg-wasm'),
      readFile(assetPath('@resvg/resvg-wasm/index_bg.wasm')).then(baselineCompiled),
    ]);
    await module.initWasm(compiled);
    return module;
  })();
  return resvg;
}

/**
 * A WebAssembly module compiled by V8's baseline compiler (Liftoff) alone. By default V8 also
 * recompiles a module's busy functions with its optimising compiler while they run: for resvg's
 * 2.4 MB, some half a second of processor time spent during the first pictures of a process, two
 * to four times the drawing itself, which a process that draws a few pictures (the one drawing
 * ahead, the console) never earns back; baseline code draws a warm chart in under twice the time.
 * The flag is read when a module is compiled: set for this one only.
 */
async function baselineCompiled(bytes: BufferSource): Promise<WebAssembly.Module> {
  setFlagsFromString('--liftoff-only');
  try {
    return await WebAssembly.compile(bytes);
  } finally {
    setFlagsFromString('--no-liftoff-only');
  }
}

let fitted: Promise<TextFit> | undefined;

/**
 * Words as the shipped fonts draw them: measured by the fonts' own widths, so that words are cut
 * where resvg will draw them; each character the fonts lack (an emoji, a script they do not cover)
 * one �, rather than an empty box, joiners and variation selectors going with it.
 */
export function textFit(): Promise<TextFit> {
  fitted ??= (async () => {
    const [regular, bold] = (await fontBuffers()).map(fontMetrics) as [FontMetrics, FontMetrics];
    const drawable = (c: string) => /[\u200d\ufe0e\ufe0f]/u.test(c) || regular.has(c);
    // Made on the first text with a character the fonts lack: loading the grapheme rules takes
    // longer than laying out a picture, and text the fonts draw whole stays as it is.
    let segmenter: Intl.Segmenter | undefined;
    const byGrapheme = (text: string) => {
      segmenter ??= new Intl.Segmenter('en', { granularity: 'grapheme' });
      return [...segmenter.segment(text)]
        .map(({ segment }) => ([...segment].every(drawable) ? segment : '\ufffd'))
        .join('');
    };
    return {
      width: (text, size, isBold) => (isBold ? bold : regular).width(text, size),
      drawable: (text) => ([...text].every(drawable) ? text : byGrapheme(text)),
    };
  })();
  return fitted;
}

let fonts: Promise<Uint8Array[]> | undefined;

/** The regular and the bold font, read once. */
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
