/**
 * Pictures put on a rendered reply: the chart drawn (or taken from the cache) and sent as files
 * with the first message, the first picture shown in its first embed, every one with its alt text.
 */
import type { PayloadFile, Rendered } from '../render/payload.js';
import { drawCharts, isDrawn } from './draw.js';
import type { FiguresChart } from './figures.js';

export async function withPictures(rendered: Rendered, chart: FiguresChart | undefined): Promise<Rendered> {
  if (!chart) return rendered;
  const files = await pictureFiles(chart);
  return { ...rendered, messages: rendered.messages.map((m, i) => (i === 0 ? withFiles(m, files) : m)) };
}

/** The chart's pictures as files to send or write, drawn at most once. */
export async function pictureFiles(chart: FiguresChart): Promise<PayloadFile[]> {
  return (await drawCharts(chart)).map((f) => ({
    name: f.name,
    data: f.png.data,
    description: f.description,
  }));
}

/** Whether the reply's pictures are ready: if not, drawing them may take a moment, so acknowledge first. */
export function picturesReady(chart: FiguresChart | undefined): boolean {
  return !chart || isDrawn(chart);
}

function withFiles(
  message: Rendered['messages'][number],
  files: PayloadFile[],
): Rendered['messages'][number] {
  const [first, ...rest] = message.embeds ?? [];
  const shown = files[0];
  if (!first || !shown) return { ...message, files };
  return { ...message, files, embeds: [{ ...first, image: { url: `attachment://${shown.name}` } }, ...rest] };
}
